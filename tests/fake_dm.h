/* A fake device-mapper kernel for host tests: ioctl() is wrapped at link
 * time (-Wl,--wrap=ioctl) and every buffer is checked the way
 * drivers/md/dm-ioctl.c does (version, data_size, data_start, 8-byte
 * aligned target specs whose `next` moves forward, NUL-terminated names
 * and params inside the buffer); answers come back as the kernel's do,
 * including DM_BUFFER_FULL_FLAG for small buffers.  Tables are kept as
 * the text that was loaded, "start len type params\n" per target. */
#ifndef MPBOOT_FAKE_DM_H
#define MPBOOT_FAKE_DM_H

#include <stdint.h>
#include <linux/dm-ioctl.h>

#define FAKE_MAJOR 254
#define MAXDEV 400

struct fdev {
	int used;
	char name[DM_NAME_LEN];
	char uuid[DM_UUID_LEN];
	unsigned int minor;
	char active[4096], inactive[4096]; /* "start len type params\n"... */
	int has_active, has_inactive, ntargets, ninactive;
	int open_count;
	char lastmsg[256];
	uint64_t lastsector;
};

extern struct fdev devs[MAXDEV];
extern char calls[4096];       /* ioctl names in order, space separated */
extern int fail_cmd;           /* _IOC_NR of a command to fail, or -1 */
extern int fail_errno;
extern char gone_dev[16];      /* " 8:32 ": loads naming it fail, ENXIO */
extern uint32_t last_flags[32]; /* flags seen per command nr */
extern uint32_t last_event_nr[32]; /* event_nr (udev cookie) per command nr */
extern int malformed_list;     /* emit an unterminated name */

void fake_reset(void);

#endif
