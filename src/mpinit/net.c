/* mpinit net: bring up the interfaces the command line's ip= and
 * BOOTIF= name (netconf.c parses, rtnl.c talks to the kernel).
 *
 * All links are brought up at once and their carriers awaited together
 * under one deadline, so two NICs cost one wait, not two.  An interface
 * that fails is one line naming it and the step; the others go on (a
 * redundant SAN has a second network for exactly that).
 *
 * DHCP interfaces come up the same way before klibc's ipconfig runs on
 * them: ipconfig binds its packet socket before it sets the link up, and
 * the kernel marks a packet socket bound to a down interface with
 * ENETDOWN (af_packet.c packet_do_bind), which ipconfig's first send then
 * returns; it retries only after 10 s, so a down link never got a lease
 * within ipconfig's timeout. */
#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/poll.h>
#include <sys/wait.h>

#include "clock.h"
#include "log.h"
#include "mpinit.h"
#include "netconf.h"
#include "rtnl.h"
#include "str.h"

enum { PENDING, CARRIER, DONE, FAILED, SKIPPED };

struct nif {
	struct net_ifconf *c;
	char dev[NET_IFNAME];
	int index, state;
};

static int sys_attr(const char *dev, const char *attr, char *buf, size_t size)
{
	char p[96];

	if (str_fmt(p, sizeof(p), "/sys/class/net/%s/%s", dev, attr))
		return -ENAMETOOLONG;
	return read_attr(p, buf, size);
}

/* How many interfaces but lo have MAC mac (any, mac NULL); the name of
 * the k-th of them (from 0) to dev when there is one. */
static int find_dev(const uint8_t *mac, char *dev, int k)
{
	DIR *d = opendir("/sys/class/net");
	struct dirent *e;
	char a[32], want[18];
	int n = 0;

	if (!d)
		return 0;
	if (mac)
		snprintf(want, sizeof(want), "%02x:%02x:%02x:%02x:%02x:%02x",
			 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "lo") ||
		    strlen(e->d_name) >= NET_IFNAME)
			continue;
		if (mac && (sys_attr(e->d_name, "address", a, sizeof(a)) || strcmp(a, want)))
			continue;
		if (n++ == k)
			strcpy(dev, e->d_name);
	}
	closedir(d);
	return n;
}

/* Name the interface (ip= names it, or nifs_of did, or its MAC, or
 * BOOTIF=, or it is the only one) and bring its link up.  0, -EAGAIN
 * (not there yet) or -errno with *step. */
static int link_up(int fd, struct nif *f, const struct net_conf *nc, const char **step)
{
	char a[16];
	unsigned int idx;
	const uint8_t *mac = f->c->has_mac ? f->c->mac : nc->has_bootif ? nc->bootif : NULL;
	int r;

	*step = "find";
	if (f->c->dev[0])
		strcpy(f->dev, f->c->dev);
	else if (!f->dev[0] && (r = find_dev(mac, f->dev, 0)) != 1)
		return r ? -EEXIST : -EAGAIN;
	if (sys_attr(f->dev, "ifindex", a, sizeof(a)) || str_to_uint(a, 1u << 30, &idx))
		return -EAGAIN;
	f->index = (int)idx;
	*step = "link up";
	return rtnl_link_up(fd, f->index, f->c->mtu);
}

static int configure(int fd, struct nif *f, const char **step)
{
	int r;

	/* DHCP: the link is up, ipconfig does the rest (dhcp) */
	if (f->c->method == NET_DHCP)
		return 0;
	*step = "address";
	if ((r = rtnl_addr_add(fd, f->index, f->c->addr, f->c->prefix)))
		return r;
	*step = "default route";
	if (f->c->gw && (r = rtnl_route_add(fd, f->index, f->c->gw)))
		return r;
	*step = "hostname";
	if (f->c->hostname[0] && sethostname(f->c->hostname, strlen(f->c->hostname)))
		return -errno;
	return 0;
}

static void say_fail(struct nif *f, const char *step, int err)
{
	const char *dev = f->dev[0] ? f->dev : "(no interface)";

	if (err == -EEXIST)
		log_msg("net %s: %s: more than one interface fits; name one in ip=", dev, step);
	else
		log_err(err, "net %s: %s:", dev, step);
	f->state = FAILED;
}

/* One round over the interfaces: 1 while any is still waiting. */
static int step_all(int fd, struct nif *fs, unsigned int n, const struct net_conf *nc)
{
	char car[8];
	const char *step;
	unsigned int i;
	int r, busy = 0;

	for (i = 0; i < n; i++) {
		struct nif *f = &fs[i];

		if (f->state == PENDING) {
			r = link_up(fd, f, nc, &step);
			if (r == -EAGAIN) {
				busy = 1;
				continue;
			}
			if (r) {
				say_fail(f, step, r);
				continue;
			}
			f->state = CARRIER;
		}
		if (f->state != CARRIER)
			continue;
		if (sys_attr(f->dev, "carrier", car, sizeof(car)) || strcmp(car, "1")) {
			busy = 1;
			continue;
		}
		if ((r = configure(fd, f, &step)))
			say_fail(f, step, r);
		else
			f->state = DONE;
	}
	return busy;
}

/* What the static set-up cannot do: DHCP on f->dev, whose link is up,
 * goes to klibc's ipconfig. */
static int dhcp(struct nif *f, unsigned int timeout_ms)
{
	const char *dev = f->dev;
	char t[16];
	/* execv: execl would link klibc's own for this one call */
	const char *argv[] = { "ipconfig", "-t", t, "-c", "dhcp", "-d", dev, NULL };
	pid_t pid;
	int st;

	if (access("/bin/ipconfig", X_OK)) {
		log_msg("net %s: ip=dhcp needs klibc's ipconfig in the image (mpboot-mkinitramfs --iscsi)",
			dev);
		return -ENOENT;
	}
	snprintf(t, sizeof(t), "%u", timeout_ms / 1000 ? timeout_ms / 1000 : 1);
	pid = fork();
	if (pid == 0) {
		execv("/bin/ipconfig", (char *const *)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		log_msg("net %s: DHCP failed (ipconfig)", dev);
		return -EIO;
	}
	return 0;
}

static int take_arg(void *ctx, const char *key, const char *val, int has_val)
{
	const char *why;
	int r;

	(void)has_val;
	r = net_conf_add(ctx, key, val, &why);
	if (r < 0) /* ip= and BOOTIF= hold no secret: the value is shown */
		log_msg("%s=%s: %s, ignored", key, val, why);
	return 0;
}

/* What is done with an ip= entry before the links come up: off and ibft
 * are skipped (ip=ibft: the init has added the iBFT's interfaces as ip=
 * lines, from the kernel's /sys/firmware/ibft), dhcp comes up with the
 * static ones and is ipconfig's after that, dhcp6/auto6 fails in one
 * line. */
static void first_state(struct nif *f, struct net_ifconf *c)
{
	f->c = c;
	if (c->method == NET_OFF || c->method == NET_IBFT) {
		f->state = SKIPPED;
	} else if (c->method == NET_DHCP6) {
		log_msg("net %s: ip=dhcp6/auto6 is not supported yet (static IPv4 or dhcp)",
			c->dev[0] ? c->dev : "all");
		f->state = FAILED;
	}
}

/* The interfaces to bring up: one per ip= entry, and for ip=dhcp naming
 * no interface (nor BOOTIF=) one per interface present, as dracut runs
 * DHCP on every one (klibc's "ipconfig -d all" stops at the first lease:
 * one network of two); none present yet: link_up waits for the only one.
 * How many, at most NET_MAX_IF. */
static unsigned int nifs_of(struct net_conf *nc, struct nif *fs)
{
	unsigned int i, m = 0;
	int k, n;

	for (i = 0; i < nc->n; i++) {
		struct net_ifconf *c = &nc->ifs[i];
		int all = c->method == NET_DHCP && !c->dev[0] && !c->has_mac && !nc->has_bootif;

		k = 0;
		do {
			if (m == NET_MAX_IF)
				return m;
			first_state(&fs[m], c);
			n = all ? find_dev(NULL, fs[m].dev, k) : 0;
			m++;
		} while (++k < n);
	}
	return m;
}

int net_up(const char *args, unsigned int timeout_ms)
{
	static struct net_conf nc;
	struct nif fs[NET_MAX_IF];
	uint64_t end;
	unsigned int i, m, ok = 0, tried = 0;
	int fd, r;

	memset(&nc, 0, sizeof(nc));
	memset(fs, 0, sizeof(fs));
	if ((r = args_read(args, take_arg, &nc)))
		return r;
	if (!nc.n) {
		log_msg("net: no ip= on the command line");
		return -ENOENT;
	}
	fd = rtnl_open();
	if (fd < 0) {
		log_err(fd, "net: rtnetlink:");
		return fd;
	}
	m = nifs_of(&nc, fs);
	/* every interface, DHCP too: up together, carriers awaited together */
	end = clock_ms() + timeout_ms;
	while (step_all(fd, fs, m, &nc) && clock_ms() < end)
		poll(NULL, 0, 50); /* 50 ms: poll is linked, usleep would not be */
	close(fd);
	for (i = 0; i < m; i++) {
		struct nif *f = &fs[i];

		if (f->state == SKIPPED)
			continue;
		tried++;
		if (f->state == DONE && f->c->method == NET_DHCP) {
			if (!dhcp(f, timeout_ms))
				ok++;
		} else if (f->state == DONE) {
			ok++;
			log_msg("net %s: %u.%u.%u.%u/%u up", f->dev, f->c->addr >> 24,
				f->c->addr >> 16 & 255, f->c->addr >> 8 & 255,
				f->c->addr & 255, f->c->prefix);
		} else if (f->state == PENDING) {
			log_msg("net %s: %s within %u s", f->c->dev[0] ? f->c->dev : "(by MAC)",
				"no such interface", timeout_ms / 1000);
		} else if (f->state == CARRIER) {
			log_msg("net %s: no carrier within %u s (cable, switch port or peer down)",
				f->dev, timeout_ms / 1000);
		}
	}
	if (!tried)
		return 0;
	return ok == tried ? 0 : ok ? -EAGAIN : -ENETDOWN;
}
