/* The label table, probing loop and checked helpers; see partitions.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pt.h"

/* Probe order, as kpartx's initpts() (minus s390 DASD and PS3): GPT first
 * so a protective MBR is not taken for a DOS table. */
static const struct pt_label labels[] = {
	{ "gpt", pt_gpt },
	{ "dos", pt_dos },
	{ "bsd", pt_bsd },
	{ "solaris", pt_solaris },
	{ "unixware", pt_unixware },
	{ "mac", pt_mac },
	{ "sun", pt_sun },
};

#define NLABELS (sizeof(labels) / sizeof(labels[0]))

const char *const pt_label_names[] = {
	"gpt", "dos", "bsd", "solaris", "unixware", "mac", "sun", NULL
};

static const char *const warn_text[] = {
	[PT_W_PAST_END] = "ends beyond the device, ignored",
	[PT_W_OVERFLOW] = "start or length overflows, ignored",
	[PT_W_OUTSIDE_EXT] = "outside its extended partition, ignored",
	[PT_W_OUTSIDE_PARENT] = "outside its DOS partition, ignored",
	[PT_W_EBR_LOOP] = "EBR chain loops, stopped",
	[PT_W_EBR_LIMIT] = "EBR chain too long, stopped",
	[PT_W_EBR_BAD] = "bad EBR (outside extended area or no signature), chain stopped",
	[PT_W_TOO_MANY] = "too many partitions, rest ignored",
	[PT_W_OVERLAP] = "overlaps another partition",
	[PT_W_PARTIAL_OVERLAP] = "straddles another slice, ignored",
	[PT_W_GPT_PRIMARY] = "primary GPT invalid, using the backup",
	[PT_W_GPT_NO_PMBR] = "valid GPT but no protective MBR, ignored (use -g)",
	[PT_W_GPT_FORCED] = "valid GPT but no protective MBR, used (-g)",
	[PT_W_GPT_BAD_RANGE] = "last LBA before first LBA, ignored",
	[PT_W_GPT_UNUSABLE] = "outside the usable LBA range",
	[PT_W_BAD_CSUM] = "label checksum wrong, ignored",
	[PT_W_BAD_VERSION] = "unsupported label version, ignored",
	[PT_W_LOST] = "further warnings suppressed",
};

const char *pt_warn_text(unsigned int code)
{
	if (code >= sizeof(warn_text) / sizeof(warn_text[0]) || !warn_text[code])
		return "?";
	return warn_text[code];
}

int pt_read(const struct pt_dev *dev, uint64_t off, size_t len, void *buf)
{
	uint64_t end;

	if (!add_ok(off, len, &end) || end > dev->size)
		return -ENXIO;
	return dev->read_at(dev->ctx, off, len, buf);
}

void pt_warn(struct pt_result *res, const char *label, unsigned int code,
	     unsigned int num, unsigned int num2)
{
	struct pt_warn *w;

	if (res->nwarn >= PT_MAX_WARN) {
		res->lost++;
		return;
	}
	w = &res->warn[res->nwarn++];
	w->label = label;
	w->code = code;
	w->num = num;
	w->num2 = num2;
}

int pt_add(const struct pt_dev *dev, struct pt_result *res, const char *label,
	   unsigned int num, uint64_t start, uint64_t size, unsigned int flags)
{
	uint64_t end;
	struct pt_slice *s;
	unsigned int i;

	if (!size)
		return 0;
	if (num < 1 || num > PT_MAX_NUM || res->n >= PT_MAX_NUM) {
		pt_warn(res, label, PT_W_TOO_MANY, num, 0);
		return 0;
	}
	if (!add_ok(start, size, &end)) {
		pt_warn(res, label, PT_W_OVERFLOW, num, 0);
		return 0;
	}
	if (end > dev->size / 512) {
		pt_warn(res, label, PT_W_PAST_END, num, 0);
		return 0;
	}
	/* Keep ascending order; parsers add in order, so this is O(1) in
	 * practice.  A duplicate number would be a parser bug: refuse it. */
	for (i = res->n; i > 0 && res->slice[i - 1].num >= num; i--)
		if (res->slice[i - 1].num == num)
			return 0;
	memmove(&res->slice[i + 1], &res->slice[i],
		(res->n - i) * sizeof(res->slice[0]));
	s = &res->slice[i];
	memset(s, 0, sizeof(*s));
	s->num = num;
	s->start = start;
	s->size = size;
	s->flags = flags;
	res->n++;
	return 1;
}

static void pt_remove(struct pt_result *res, unsigned int i)
{
	memmove(&res->slice[i], &res->slice[i + 1],
		(res->n - i - 1) * sizeof(res->slice[0]));
	res->n--;
}

void pt_drop_straddlers(struct pt_result *res, const char *label,
			unsigned int from)
{
	unsigned int i, j;

	for (i = from; i < res->n;) {
		const struct pt_slice *a = &res->slice[i];
		uint64_t aend = a->start + a->size;
		int drop = 0;

		for (j = from; j < res->n && !drop; j++) {
			const struct pt_slice *b = &res->slice[j];

			if (j != i && a->start < b->start && aend > b->start &&
			    aend < b->start + b->size) {
				pt_warn(res, label, PT_W_PARTIAL_OVERLAP,
					a->num, b->num);
				drop = 1;
			}
		}
		if (drop)
			pt_remove(res, i);
		else
			i++;
	}
}

/* DOS and GPT: warn about (but keep, as the kernel and kpartx do) data
 * partitions that share sectors.  The 2-sector extended slice is not data,
 * and a nested label's slices lie inside their DOS partition by design. */
static void pt_check_overlaps(struct pt_result *res, const char *label)
{
	unsigned int i, j;

	for (i = 0; i < res->n; i++) {
		const struct pt_slice *a = &res->slice[i];

		if (a->flags & (PT_EXTENDED | PT_NESTED))
			continue;
		for (j = i + 1; j < res->n; j++) {
			const struct pt_slice *b = &res->slice[j];

			if (b->flags & (PT_EXTENDED | PT_NESTED))
				continue;
			if (a->start < b->start + b->size &&
			    b->start < a->start + a->size) {
				pt_warn(res, label, PT_W_OVERLAP, a->num, b->num);
				break;
			}
		}
	}
}

static int run(const struct pt_dev *dev, const struct pt_label *l,
	       struct pt_result *res)
{
	int r;

	res->n = 0;
	r = l->probe(dev, res);
	if (r == -ENXIO) /* label structures past the end: not this label */
		r = 0;
	if (r < 0) {
		res->n = 0;
		return r;
	}
	if (r > 0 && !res->found)
		res->found = l->name;
	if (res->n) {
		res->label = l->name;
		if (!strcmp(l->name, "dos") || !strcmp(l->name, "gpt"))
			pt_check_overlaps(res, l->name);
	}
	return 0;
}

static void pt_reset(const struct pt_dev *dev, struct pt_result *res)
{
	(void)dev;
	res->label = NULL;
	res->found = NULL;
	res->disk_sig = 0;
	res->n = 0;
	res->nwarn = 0;
	res->lost = 0;
}

int pt_probe(const struct pt_dev *dev, struct pt_result *res)
{
	unsigned int i;
	int r;

	pt_reset(dev, res);
	if (dev->ssz < 512 || dev->ssz > 4096 || (dev->ssz & (dev->ssz - 1)))
		return -EINVAL;
	for (i = 0; i < NLABELS; i++) {
		r = run(dev, &labels[i], res);
		if (r)
			return r;
		if (res->n)
			break;
	}
	if (res->lost) { /* the last slot says how many were lost */
		struct pt_warn *w = &res->warn[PT_MAX_WARN - 1];

		w->label = NULL;
		w->code = PT_W_LOST;
		w->num = res->lost + 1;
		w->num2 = 0;
	}
	return 0;
}

int pt_probe_one(const struct pt_dev *dev, const char *label,
		 struct pt_result *res)
{
	unsigned int i;

	pt_reset(dev, res);
	if (dev->ssz < 512 || dev->ssz > 4096 || (dev->ssz & (dev->ssz - 1)))
		return -EINVAL;
	for (i = 0; i < NLABELS; i++)
		if (!strcmp(labels[i].name, label))
			return run(dev, &labels[i], res);
	return -ENOENT;
}

struct pt_slice *pt_slice_of(struct pt_result *res, unsigned int num)
{
	unsigned int i;

	for (i = 0; i < res->n; i++)
		if (res->slice[i].num == num)
			return &res->slice[i];
	return NULL;
}

void pt_uuid_str(const uint8_t b[16], int gpt, char out[37])
{
	static const uint8_t plain[16] = { 0, 1, 2, 3, 4, 5, 6, 7,
					   8, 9, 10, 11, 12, 13, 14, 15 };
	static const uint8_t mixed[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
					   8, 9, 10, 11, 12, 13, 14, 15 };
	static const char hex[] = "0123456789abcdef";
	const uint8_t *ord = gpt ? mixed : plain;
	unsigned int i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[ord[i]] >> 4];
		out[o++] = hex[b[ord[i]] & 15];
	}
	out[o] = '\0';
}

int pt_partuuid(const struct pt_result *res, const struct pt_slice *s,
		char out[37])
{
	static const uint8_t zero[16];

	if (!res->label)
		return -ENOENT;
	if (!strcmp(res->label, "gpt") && memcmp(s->guid, zero, 16)) {
		pt_uuid_str(s->guid, 1, out);
		return 0;
	}
	if (!strcmp(res->label, "dos") && s->knum && s->knum <= 0xff &&
	    !(s->flags & (PT_NESTED | PT_EXTENDED))) {
		snprintf(out, 37, "%08x-%02x", (unsigned int)res->disk_sig, s->knum);
		return 0;
	}
	return -ENOENT;
}

static int ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
	return *a == *b;
}

const struct pt_slice *pt_by_partuuid(const struct pt_result *res,
				      const char *want)
{
	char id[37];
	unsigned int i;

	for (i = 0; i < res->n; i++)
		if (!pt_partuuid(res, &res->slice[i], id) && ieq(id, want))
			return &res->slice[i];
	return NULL;
}
