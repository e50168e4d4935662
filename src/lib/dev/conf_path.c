/* What the blacklist and protocol sections need of a path that discovery
 * does not read: its transport, as multipath-tools names it, and its udev
 * properties (conf_path.h).  The pure parts are host-tested in t_conf.c. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "conf_path.h"
#include "str.h"

/* Is there a component of the sysfs path link that starts with pre and
 * (digit) goes on with a digit? */
static int comp(const char *link, const char *pre, int digit)
{
	size_t l = strlen(pre);
	const char *s;

	for (s = link; (s = strstr(s, pre)); s++)
		if ((s == link || s[-1] == '/') &&
		    (!digit || (s[l] >= '0' && s[l] <= '9')))
			return 1;
	return 0;
}

/* multipath-tools' order (discovery.c, sysfs_get_tgt_nodename): SAS end
 * device, USB, an FC remote port above the target, an iSCSI session,
 * libata, else unspec. */
const char *mp_scsi_proto(const char *link, int sas)
{
	if (sas && comp(link, "end_device-", 0))
		return "scsi:sas";
	if (comp(link, "usb", 1))
		return "scsi:usb";
	if (comp(link, "rport-", 0))
		return "scsi:fcp";
	if (comp(link, "session", 1))
		return "scsi:iscsi";
	if (comp(link, "ata", 1))
		return "scsi:ata";
	return "scsi:unspec";
}

const char *mp_path_link_proto(const char *sysfs, const char *dev, char *link,
			       size_t size)
{
	char path[256];
	ssize_t n;

	if (str_fmt(path, sizeof(path), "%s/block/%s", sysfs, dev))
		return NULL;
	n = readlink(path, link, size - 1);
	if (n < 0)
		return NULL;
	link[n] = '\0';
	/* the SAS address is only asked of an end device: one access a path
	 * less everywhere else (the maps phase sets timeouts per path) */
	if (!comp(link, "end_device-", 0))
		return mp_scsi_proto(link, 0);
	str_fmt(path, sizeof(path), "%s/block/%s/device/sas_address", sysfs, dev);
	return mp_scsi_proto(link, !access(path, F_OK));
}

const char *mp_path_proto(const char *sysfs, const char *dev)
{
	char link[512];
	const char *p = mp_path_link_proto(sysfs, dev, link, sizeof(link));

	return p ? p : "undef";
}

size_t mp_udev_props(const char *db, size_t len, char *out, size_t size)
{
	size_t i = 0, o = 0;

	while (i < len) {
		const char *nl = memchr(db + i, '\n', len - i);
		size_t l = nl ? (size_t)(nl - (db + i)) : len - i;
		const char *eq = memchr(db + i, '=', l);

		if (l > 2 && !memcmp(db + i, "E:", 2) && eq && eq > db + i + 2 &&
		    o + (size_t)(eq - db - i) < size) {
			memcpy(out + o, db + i + 2, (size_t)(eq - db - i) - 2);
			o += (size_t)(eq - db - i) - 2;
			out[o++] = '\0';
		}
		i += l + 1;
	}
	out[o] = '\0';
	return o;
}

/* Append the word a b (and its NUL) at out[o] if it fits with the
 * list's final NUL; the new length. */
static size_t add(char *out, size_t o, size_t size, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (o + la + lb + 2 > size)
		return o;
	memcpy(out + o, a, la);
	memcpy(out + o + la, b, lb + 1);
	return o + la + lb + 1;
}

/* What udev (60-persistent-storage, sg3_utils' 55-scsi-sg3_id) says of a
 * disk, from its WWID's designator type: ID_SERIAL for every disk with
 * one, ID_WWN for an NAA designator, SCSI_IDENT_LUN_<type>. */
static void derive(const char *wwid, char *out, size_t size)
{
	static const char naa[] = "2NAA_EXT\0" "3NAA_LOCAL\0" "5NAA_REG\0"
				  "6NAA_REGEXT\0";
	const char *t = wwid[0] == '1' ? "T10" : wwid[0] == '2' ? "EUI64" :
			wwid[0] == '8' ? "NAME" : NULL;
	const char *s;
	size_t o = 0;

	if (wwid[0])
		o = add(out, o, size, "ID_SERIAL", "");
	if (wwid[0] == '3') {
		o = add(out, o, size, "ID_WWN", "");
		for (s = naa; *s; s += strlen(s) + 1)
			if (s[0] == wwid[1])
				t = s + 1;
	}
	if (t)
		o = add(out, o, size, "SCSI_IDENT_LUN_", t);
	out[o] = '\0';
}

const char *mp_path_props(const char *udevdir, const struct mp_path *p,
			  char *out, size_t size)
{
	char path[256], db[4096];
	ssize_t n = -1;
	int fd = -1;

	if (udevdir && !str_fmt(path, sizeof(path), "%s/b%u:%u", udevdir, p->maj,
				p->min))
		/* non-blocking: a FIFO planted there must not hang a scan */
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, db, sizeof(db));
		close(fd);
	}
	if (n >= 0)
		mp_udev_props(db, (size_t)n, out, size);
	else
		derive(p->wwid, out, size);
	return out;
}
