/* See cpio_list.h.  No I/O here: the tool and the unit tests feed lines. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cpio_list.h"
#include "str.h"

#define MAX_FIELDS (8 + CPIO_MAX_LINKS)

/* The reason goes to err[errsize] cut to fit, never dropped: an empty
 * reason (what str_copy leaves when `what` itself is too long, e.g. a
 * nested reason from cpio_expand in a small buffer) is an error line that
 * says nothing.  A cut reason ends in "...". */
static int fail(char *err, size_t errsize, int code, const char *what,
		const char *arg)
{
	if (!errsize)
		return code;
	if (arg && !str_fmt(err, errsize, "%s '%s'", what, arg))
		return code;
	if (str_fmt(err, errsize, "%s", what)) { /* arg too long: drop it */
		snprintf(err, errsize, "%s", what);
		if (errsize > 4)
			memcpy(err + errsize - 4, "...", 4);
	}
	return code;
}

int cpio_expand(const char *src, char *dst, size_t size, cpio_lookup_fn lookup,
		void *ctx, char *err, size_t errsize)
{
	size_t o = 0;

	while (*src) {
		const char *add = src;
		size_t alen = 1;

		if (src[0] == '$' && src[1] == '{') {
			const char *end = strchr(src + 2, '}');
			char var[128];
			size_t vlen;

			if (!end)
				return fail(err, errsize, -EINVAL,
					    "unterminated ${ in", src);
			vlen = (size_t)(end - (src + 2));
			if (!vlen)
				return fail(err, errsize, -EINVAL,
					    "empty variable name in", src);
			if (vlen >= sizeof(var))
				return fail(err, errsize, -EINVAL,
					    "variable name too long", NULL);
			memcpy(var, src + 2, vlen);
			var[vlen] = '\0';
			add = lookup ? lookup(ctx, var) : NULL;
			if (!add)
				return fail(err, errsize, -EINVAL,
					    "undefined variable", var);
			alen = strlen(add);
			src = end + 1;
		} else {
			src++;
		}
		if (alen >= size - o)
			return fail(err, errsize, -ENAMETOOLONG,
				    "field too long after expansion", NULL);
		memcpy(dst + o, add, alen);
		o += alen;
	}
	dst[o] = '\0';
	return 0;
}

/* Octal mode: up to 07777, digits only (the kernel accepts the same). */
static int parse_mode(const char *s, unsigned int *out)
{
	unsigned int v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '7')
			return -EINVAL;
		v = v * 8 + (unsigned int)(*s - '0');
		if (v > 07777)
			return -ERANGE;
	}
	*out = v;
	return 0;
}

static int copy_name(char *dst, const char *src, int strip_slash)
{
	if (strip_slash)
		while (*src == '/')
			src++;
	if (!*src)
		return -EINVAL;
	return str_copy(dst, src, CPIO_NAME_MAX);
}

struct kind {
	const char *word;
	enum cpio_type type;
	unsigned int min_fields, max_fields; /* including the keyword */
	const char *usage;
};

/* Data, not code: one row per line type, with the usage that errors quote. */
static const struct kind kinds[] = {
	{ "file", CPIO_FILE, 6, 6 + CPIO_MAX_LINKS,
	  "file <name> <location> <mode> <uid> <gid> [<hard link>...]" },
	{ "dir", CPIO_DIR, 5, 5, "dir <name> <mode> <uid> <gid>" },
	{ "nod", CPIO_NOD, 8, 8,
	  "nod <name> <mode> <uid> <gid> <b|c> <maj> <min>" },
	{ "slink", CPIO_SLINK, 6, 6,
	  "slink <name> <target> <mode> <uid> <gid>" },
	{ "pipe", CPIO_PIPE, 5, 5, "pipe <name> <mode> <uid> <gid>" },
	{ "sock", CPIO_SOCK, 5, 5, "sock <name> <mode> <uid> <gid>" },
};

/* Split buf into its blank-separated fields, in place.  0 with *nf 0
 * for a blank line or a comment. */
static int split_fields(char *buf, char **f, unsigned int *nf, char *err,
			size_t errsize)
{
	char *p;

	*nf = 0;
	for (p = buf; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p)
			break;
		if (*nf == 0 && *p == '#')
			return 0;
		if (*nf == MAX_FIELDS + 1)
			return fail(err, errsize, -EINVAL, "too many fields",
				    NULL);
		f[(*nf)++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return 0;
}

/* The entry of a line of kind k from its (expanded) fields. */
static int fill_entry(const struct kind *k, char **f, unsigned int nf,
		      struct cpio_entry *e, char *err, size_t errsize)
{
	unsigned int i, mi = 2;

	e->type = k->type;
	if (copy_name(e->name, f[1], 1))
		return fail(err, errsize, -EINVAL, "bad name", f[1]);
	if (k->type == CPIO_FILE || k->type == CPIO_SLINK) {
		if (copy_name(e->location, f[2], 0))
			return fail(err, errsize, -EINVAL,
				    k->type == CPIO_FILE ? "bad location"
							 : "bad target",
				    f[2]);
		mi = 3;
	}
	if (parse_mode(f[mi], &e->mode))
		return fail(err, errsize, -EINVAL, "bad octal mode", f[mi]);
	if (str_to_uint(f[mi + 1], 0xffffffffu, &e->uid))
		return fail(err, errsize, -EINVAL, "bad uid", f[mi + 1]);
	if (str_to_uint(f[mi + 2], 0xffffffffu, &e->gid))
		return fail(err, errsize, -EINVAL, "bad gid", f[mi + 2]);

	if (k->type == CPIO_NOD) {
		if (strcmp(f[5], "b") && strcmp(f[5], "c"))
			return fail(err, errsize, -EINVAL,
				    "device type must be b or c, not", f[5]);
		e->devtype = f[5][0];
		/* Linux dev_t: 12-bit major, 20-bit minor. */
		if (str_to_uint(f[6], 4095, &e->maj))
			return fail(err, errsize, -EINVAL, "bad major", f[6]);
		if (str_to_uint(f[7], (1u << 20) - 1, &e->min))
			return fail(err, errsize, -EINVAL, "bad minor", f[7]);
	}
	if (k->type == CPIO_FILE) {
		for (i = 6; i < nf; i++)
			if (copy_name(e->links[e->nlinks++], f[i], 1))
				return fail(err, errsize, -EINVAL,
					    "bad hard link name", f[i]);
	}
	return 0;
}

int cpio_parse_line(const char *line, size_t len, struct cpio_entry *e,
		    cpio_lookup_fn lookup, void *ctx, char *err, size_t errsize)
{
	char buf[CPIO_LINE_MAX], *f[MAX_FIELDS + 1];
	char xf[MAX_FIELDS + 1][CPIO_NAME_MAX]; /* expanded fields */
	const struct kind *k = NULL;
	unsigned int nf, i;
	int r;

	memset(e, 0, sizeof(*e));
	if (errsize)
		err[0] = '\0';
	if (len >= sizeof(buf))
		return fail(err, errsize, -EINVAL, "line too long", NULL);
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (memchr(buf, '\0', len))
		return fail(err, errsize, -EINVAL, "NUL byte in line", NULL);
	r = split_fields(buf, f, &nf, err, errsize);
	if (r || !nf)
		return r;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(f[0], kinds[i].word))
			k = &kinds[i];
	if (!k)
		return fail(err, errsize, -EINVAL, "unknown entry type", f[0]);
	if (nf < k->min_fields || nf > k->max_fields)
		return fail(err, errsize, -EINVAL, "expected", k->usage);

	/* Expand variables field by field, so a value with blanks in it
	 * cannot shift the fields after it. */
	for (i = 1; i < nf; i++) {
		char why[160];

		r = cpio_expand(f[i], xf[i], CPIO_NAME_MAX, lookup, ctx, why,
				sizeof(why));
		if (r)
			return fail(err, errsize, r, why, NULL);
		f[i] = xf[i];
	}
	return fill_entry(k, f, nf, e, err, errsize);
}

unsigned int cpio_type_bits(enum cpio_type t)
{
	switch (t) {
	case CPIO_FILE: return 0100000;
	case CPIO_DIR: return 0040000;
	case CPIO_SLINK: return 0120000;
	case CPIO_PIPE: return 0010000;
	case CPIO_SOCK: return 0140000;
	case CPIO_NOD: /* block or char: the caller knows devtype */
	case CPIO_NONE: break;
	}
	return 0;
}

int cpio_newc_header(char *out, const struct cpio_hdr *h)
{
	const uint64_t v[13] = {
		h->ino,      h->mode,      h->uid,       h->gid,
		h->nlink,    h->mtime,     h->filesize,  h->devmajor,
		h->devminor, h->rdevmajor, h->rdevminor, h->namesize,
		0, /* check: only used by the "070702" CRC format */
	};
	static const char hex[] = "0123456789ABCDEF";
	unsigned int i, d;

	memcpy(out, "070701", 6);
	for (i = 0; i < 13; i++) {
		if (v[i] > 0xffffffffu)
			return -ERANGE;
		for (d = 0; d < 8; d++)
			out[6 + i * 8 + d] =
				hex[(v[i] >> (28 - 4 * d)) & 0xf];
	}
	out[CPIO_HDR_LEN] = '\0';
	return 0;
}

static int out_bytes(struct cpio_out *o, const void *buf, size_t len)
{
	int r;

	if (!len)
		return 0;
	r = o->write(o->ctx, buf, len);
	if (r)
		return r;
	o->off += len;
	return 0;
}

static int out_pad(struct cpio_out *o)
{
	static const char zero[4];

	return out_bytes(o, zero, cpio_pad4(o->off));
}

/* One header + name + padding + data + padding. */
static int out_record(struct cpio_out *o, struct cpio_hdr *h, const char *name,
		      const void *data, size_t len)
{
	char hdr[CPIO_HDR_LEN + 1];
	int r;

	h->namesize = strlen(name) + 1;
	h->filesize = len;
	r = cpio_newc_header(hdr, h);
	if (!r)
		r = out_bytes(o, hdr, CPIO_HDR_LEN);
	if (!r)
		r = out_bytes(o, name, (size_t)h->namesize);
	if (!r)
		r = out_pad(o);
	if (!r)
		r = out_bytes(o, data, len);
	if (!r)
		r = out_pad(o);
	return r;
}

int cpio_emit(struct cpio_out *o, const struct cpio_entry *e, const void *data,
	      size_t len)
{
	struct cpio_hdr h = { 0 };
	unsigned int i;
	int r;

	if (e->type == CPIO_NONE)
		return 0;
	if ((uint64_t)len > 0xffffffffu)
		return -ERANGE;
	h.ino = o->next_ino++;
	h.mode = e->mode | cpio_type_bits(e->type);
	if (e->type == CPIO_NOD) {
		h.mode = e->mode | (e->devtype == 'b' ? 0060000u : 0020000u);
		h.rdevmajor = e->maj;
		h.rdevminor = e->min;
	}
	h.uid = e->uid;
	h.gid = e->gid;
	h.mtime = o->mtime;
	h.nlink = e->type == CPIO_DIR ? 2 : 1;
	if (e->type != CPIO_FILE && e->type != CPIO_SLINK)
		len = 0;
	if (e->type != CPIO_FILE || !e->nlinks)
		return out_record(o, &h, e->name, data, len);

	/* Hard links share the inode number; the data travels with the last
	 * name (the GNU cpio convention, which the kernel's unpacker follows
	 * by linking the later names to the first). */
	h.nlink = 1 + e->nlinks;
	r = out_record(o, &h, e->name, NULL, 0);
	for (i = 0; !r && i < e->nlinks; i++)
		r = out_record(o, &h, e->links[i],
			       i + 1 == e->nlinks ? data : NULL,
			       i + 1 == e->nlinks ? len : 0);
	return r;
}

int cpio_trailer(struct cpio_out *o)
{
	struct cpio_hdr h = { 0 };

	h.nlink = 1;
	return out_record(o, &h, "TRAILER!!!", NULL, 0);
}
