/* Host tests of src/lib/partitions: the golden and bad-image corpus, and
 * kpartx's naming rules.
 *
 * Invariants:
 * - every image built by scripts/mkimg-corpus.sh gives exactly the slices
 *   and warnings listed in tests/partitions/expect/<case> (label, number,
 *   start, size in 512-byte sectors; warnings by name and partition);
 * - parsers never read past the device end (the reader fails the test);
 * - an I/O error from the reader is returned, not taken for "no label";
 * - map names/UUIDs follow kpartx: delimiter "p" after a digit, '/' -> '!',
 *   part<N>-<parent uuid>, devnode_<maj>:<min>_Wh5pYvM, and only a single
 *   linear target on the parent with our UUID counts as ours.
 * The corpus is generated at test time into $MPBOOT_CORPUS (default
 * build/corpus) unless MPBOOT_CORPUS_READY is set. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dm.h"
#include "partitions/partitions.h"
#include "partitions/pt.h"
#include "partname.h"
#include "unit.h"

#define EXPECT_DIR "tests/partitions/expect"

static const char *const wname[] = {
	[PT_W_PAST_END] = "past_end",
	[PT_W_OVERFLOW] = "overflow",
	[PT_W_OUTSIDE_EXT] = "outside_ext",
	[PT_W_OUTSIDE_PARENT] = "outside_parent",
	[PT_W_EBR_LOOP] = "ebr_loop",
	[PT_W_EBR_LIMIT] = "ebr_limit",
	[PT_W_EBR_BAD] = "ebr_bad",
	[PT_W_TOO_MANY] = "too_many",
	[PT_W_OVERLAP] = "overlap",
	[PT_W_PARTIAL_OVERLAP] = "partial_overlap",
	[PT_W_GPT_PRIMARY] = "gpt_primary",
	[PT_W_GPT_NO_PMBR] = "gpt_no_pmbr",
	[PT_W_GPT_FORCED] = "gpt_forced",
	[PT_W_GPT_BAD_RANGE] = "gpt_bad_range",
	[PT_W_GPT_UNUSABLE] = "gpt_unusable",
	[PT_W_BAD_CSUM] = "bad_csum",
	[PT_W_BAD_VERSION] = "bad_version",
	[PT_W_LOST] = "lost",
};

struct file_reader {
	int fd;
	uint64_t size;
	int beyond; /* set if a read past the end was attempted */
	int fail;   /* return -EIO */
};

static int file_read(void *ctx, uint64_t off, size_t len, void *buf)
{
	struct file_reader *f = ctx;

	if (f->fail)
		return -EIO;
	if (off + len > f->size) {
		f->beyond = 1;
		return -ENXIO;
	}
	return pread(f->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

struct expect {
	char image[128], label[32];
	unsigned int ssz, force, n, nw;
	struct pt_slice s[PT_MAX_NUM];
	struct { char name[32]; unsigned int num; } w[PT_MAX_WARN];
};

static int load_expect(const char *path, const char *name, struct expect *e)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f)
		return -errno;
	memset(e, 0, sizeof(*e));
	snprintf(e->image, sizeof(e->image), "%s", name);
	e->ssz = 512;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long a, b;
		unsigned int num;
		char word[32];

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "image %127s", e->image) == 1 ||
		    sscanf(line, "ssz %u", &e->ssz) == 1 ||
		    sscanf(line, "force %u", &e->force) == 1 ||
		    sscanf(line, "label %31s", e->label) == 1)
			continue;
		if (sscanf(line, "w %31s %u", word, &num) == 2 && e->nw < PT_MAX_WARN) {
			snprintf(e->w[e->nw].name, sizeof(e->w[0].name), "%s", word);
			e->w[e->nw++].num = num;
			continue;
		}
		if (sscanf(line, "%u %llu %llu", &num, &a, &b) == 3 && e->n < PT_MAX_NUM) {
			e->s[e->n].num = num;
			e->s[e->n].start = a;
			e->s[e->n++].size = b;
			continue;
		}
		fclose(f);
		return -EINVAL;
	}
	fclose(f);
	return e->label[0] ? 0 : -EINVAL;
}

static void golden_case(const char *corpus, const char *name)
{
	static struct expect e;
	static struct pt_result res;
	char path[512], tname[160];
	struct file_reader fr = { 0 };
	struct pt_dev dev;
	struct stat st;
	unsigned int i, j;
	int r;

	snprintf(tname, sizeof(tname), "golden/%s", name);
	snprintf(path, sizeof(path), "%s/%s", EXPECT_DIR, name);
	r = load_expect(path, name, &e);
	EXPECT(!r, tname, "cannot parse %s: %d", path, r);
	snprintf(path, sizeof(path), "%s/%s.img", corpus, e.image);
	fr.fd = open(path, O_RDONLY);
	EXPECT(fr.fd >= 0, tname, "missing image %s", path);
	fstat(fr.fd, &st);
	fr.size = (uint64_t)st.st_size;
	dev.read_at = file_read;
	dev.ctx = &fr;
	dev.size = fr.size;
	dev.ssz = e.ssz;
	dev.flags = e.force ? PT_FORCE_GPT : 0;
	r = pt_probe(&dev, &res);
	close(fr.fd);
	EXPECT_INT(r, 0, tname);
	EXPECT(!fr.beyond, tname, "reader asked past the end");
	EXPECT_STR(res.label ? res.label : "none", e.label, tname);
	EXPECT_INT(res.n, e.n, tname);
	for (i = 0; i < e.n; i++) {
		EXPECT(res.slice[i].num == e.s[i].num &&
		       res.slice[i].start == e.s[i].start &&
		       res.slice[i].size == e.s[i].size, tname,
		       "slice %u: got %u %llu %llu, want %u %llu %llu", i,
		       res.slice[i].num, (unsigned long long)res.slice[i].start,
		       (unsigned long long)res.slice[i].size, e.s[i].num,
		       (unsigned long long)e.s[i].start,
		       (unsigned long long)e.s[i].size);
	}
	EXPECT(res.nwarn == e.nw, tname, "%u warnings, want %u (first: %s %u)",
	       res.nwarn, e.nw,
	       res.nwarn ? wname[res.warn[0].code] : "-",
	       res.nwarn ? res.warn[0].num : 0);
	for (i = 0; i < e.nw; i++) {
		int found = 0;

		for (j = 0; j < res.nwarn && !found; j++)
			found = !strcmp(wname[res.warn[j].code], e.w[i].name) &&
				res.warn[j].num == e.w[i].num;
		EXPECT(found, tname, "warning %s %u not raised", e.w[i].name,
		       e.w[i].num);
	}
	UNIT_PASS(tname);

	/* PARTUUID root= (mpinit) must land on the map kpartx made: every
	 * PARTUUID resolves to its own slice, i.e. "-part<num>"; a DOS
	 * label's PARTUUID carries the kernel's number: primaries by slot,
	 * logicals 5, 6, ... counting only entries that hold a partition. */
	snprintf(tname, sizeof(tname), "partuuid/%s", name);
	{
		unsigned int klog = 5;

		for (i = 0; i < res.n; i++) {
			const struct pt_slice *s = &res.slice[i];
			char id[37];

			if (pt_partuuid(&res, s, id))
				continue;
			EXPECT(pt_by_partuuid(&res, id) == s, tname,
			       "PARTUUID %s of slice %u resolves elsewhere", id, s->num);
			if (strcmp(res.label, "dos"))
				continue;
			if (s->flags & PT_LOGICAL)
				EXPECT_INT(s->knum, klog++, tname);
			else
				EXPECT_INT(s->knum, s->num, tname);
		}
	}
	UNIT_PASS(tname);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void golden(void)
{
	const char *corpus = getenv("MPBOOT_CORPUS");
	char cmd[600];
	char *names[512];
	unsigned int n = 0, i;
	struct dirent *d;
	DIR *dir;

	if (!corpus)
		corpus = "build/corpus";
	if (!getenv("MPBOOT_CORPUS_READY")) {
		snprintf(cmd, sizeof(cmd), "scripts/mkimg-corpus.sh '%s'", corpus);
		if (system(cmd)) {
			unit_report(0, "golden/corpus", "%s failed", cmd);
			return;
		}
	}
	dir = opendir(EXPECT_DIR);
	if (!dir) {
		unit_report(0, "golden/corpus", "no %s", EXPECT_DIR);
		return;
	}
	while ((d = readdir(dir)) && n < 512)
		if (d->d_name[0] != '.')
			names[n++] = strdup(d->d_name);
	closedir(dir);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		golden_case(corpus, names[i]);
		free(names[i]);
	}
	unit_report(n >= 30, "golden/count", "only %u cases", n);
}

/* ---- in-memory checks ---- */

struct mem { const unsigned char *p; size_t n; int calls; };

static int mem_read(void *ctx, uint64_t off, size_t len, void *buf)
{
	struct mem *m = ctx;

	m->calls++;
	if (off > m->n || len > m->n - off)
		return -ENXIO;
	memcpy(buf, m->p + off, len);
	return 0;
}

static void crc(void)
{
	EXPECT(pt_crc32("123456789", 9) == 0xcbf43926u, "crc32",
	       "check value %08x", pt_crc32("123456789", 9));
	UNIT_PASS("crc32");
}

static void io_error(void)
{
	static struct pt_result res;
	struct file_reader fr = { .fail = 1, .size = 1 << 20 };
	struct pt_dev dev = { file_read, &fr, 1 << 20, 512, 0 };

	EXPECT_INT(pt_probe(&dev, &res), -EIO, "io_error");
	EXPECT_INT(res.n, 0, "io_error");
	UNIT_PASS("io_error");
}

static void bad_args(void)
{
	static struct pt_result res;
	static unsigned char img[4096];
	struct mem m = { img, sizeof(img), 0 };
	struct pt_dev dev = { mem_read, &m, sizeof(img), 520, 0 };

	EXPECT_INT(pt_probe(&dev, &res), -EINVAL, "bad_args/ssz");
	dev.ssz = 512;
	EXPECT_INT(pt_probe_one(&dev, "nope", &res), -ENOENT, "bad_args/label");
	EXPECT_INT(pt_probe_one(&dev, "dos", &res), 0, "bad_args/label");
	/* an empty device: nothing read, nothing found */
	dev.size = 0;
	m.calls = 0;
	EXPECT_INT(pt_probe(&dev, &res), 0, "bad_args/empty");
	EXPECT_INT(m.calls, 0, "bad_args/empty");
	EXPECT_INT(res.n, 0, "bad_args/empty");
	UNIT_PASS("bad_args");
}

static void order(void)
{
	static const char *const want[] = { "gpt", "dos", "bsd", "solaris",
					    "unixware", "mac", "sun", NULL };
	unsigned int i;

	for (i = 0; want[i]; i++)
		EXPECT(pt_label_names[i] && !strcmp(pt_label_names[i], want[i]),
		       "order", "label %u is %s", i, pt_label_names[i]);
	EXPECT(!pt_label_names[i], "order", "extra label");
	UNIT_PASS("order");
}

/* A DOS MBR whose primary 1 sits at the 32-bit limit on a 4 KiB disk:
 * start + size overflow nothing in 64 bits but lie far past the end. */
static void dos_limits(void)
{
	static struct pt_result res;
	static unsigned char img[8192];
	struct mem m = { img, sizeof(img), 0 };
	struct pt_dev dev = { mem_read, &m, sizeof(img), 4096, 0 };
	unsigned char *p = img + 0x1be;

	memset(img, 0, sizeof(img));
	img[510] = 0x55;
	img[511] = 0xaa;
	p[4] = 0x83;
	memset(p + 8, 0xff, 8);
	EXPECT_INT(pt_probe(&dev, &res), 0, "dos_limits");
	EXPECT_INT(res.n, 0, "dos_limits");
	EXPECT(res.nwarn == 1 && res.warn[0].code == PT_W_PAST_END,
	       "dos_limits", "nwarn %u", res.nwarn);
	UNIT_PASS("dos_limits");
}

/* ---- hostile layouts built in memory ---- */

static void w32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void w64(unsigned char *p, uint64_t v)
{
	w32(p, (uint32_t)v);
	w32(p + 4, (uint32_t)(v >> 32));
}

/* A GPT on img[nsect * 512]: nent entries of esize bytes, entry i from
 * first[i] to last[i] (last 0: unused), both headers, protective MBR. */
static void gpt_build(unsigned char *img, uint64_t nsect, unsigned int nent,
		      unsigned int esize, const uint64_t *first,
		      const uint64_t *last)
{
	uint64_t lastlba = nsect - 1, ablocks = ((uint64_t)nent * esize + 511) / 512;
	unsigned char *arr = img + 2 * 512;
	unsigned int i, pass;

	memset(img, 0, nsect * 512);
	for (i = 0; i < nent; i++) {
		unsigned char *e = arr + (size_t)i * esize;

		if (!last[i])
			continue;
		memset(e, 0xaf, 16);
		w64(e + 32, first[i]);
		w64(e + 40, last[i]);
	}
	memcpy(img + (lastlba - ablocks) * 512, arr, ablocks * 512);
	for (pass = 0; pass < 2; pass++) {
		uint64_t my = pass ? lastlba : 1;
		unsigned char *h = img + my * 512;

		memcpy(h, "EFI PART", 8);
		w32(h + 8, 0x10000);
		w32(h + 12, 92);
		w64(h + 24, my);
		w64(h + 32, pass ? 1 : lastlba);
		w64(h + 40, 2 + ablocks);
		w64(h + 48, lastlba - 1 - ablocks);
		w64(h + 72, pass ? lastlba - ablocks : 2);
		w32(h + 80, nent);
		w32(h + 84, esize);
		w32(h + 88, pt_crc32(arr, (size_t)nent * esize));
		w32(h + 16, pt_crc32(h, 92));
	}
	img[0x1be + 4] = 0xee;
	w32(img + 0x1be + 8, 1);
	w32(img + 0x1be + 12, (uint32_t)lastlba);
	img[510] = 0x55;
	img[511] = 0xaa;
}

static void gpt_hostile(void)
{
	static unsigned char img[1024 * 512];
	static uint64_t first[300], last[300];
	static struct pt_result res;
	struct mem m = { img, sizeof(img), 0 };
	struct pt_dev dev = { mem_read, &m, sizeof(img), 512, 0 };
	unsigned int i;

	/* 300 one-sector partitions: 1..256 mapped, the rest refused. */
	for (i = 0; i < 300; i++)
		first[i] = last[i] = 100 + i;
	gpt_build(img, 1024, 300, 128, first, last);
	EXPECT_INT(pt_probe(&dev, &res), 0, "gpt_hostile/300");
	EXPECT_STR(res.label, "gpt", "gpt_hostile/300");
	EXPECT_INT(res.n, 256, "gpt_hostile/300");
	EXPECT_INT(res.slice[255].num, 256, "gpt_hostile/300");
	EXPECT_INT(res.slice[255].start, 355, "gpt_hostile/300");
	EXPECT(res.nwarn == 1 && res.warn[0].code == PT_W_TOO_MANY &&
	       res.warn[0].num == 257, "gpt_hostile/300", "warnings %u", res.nwarn);

	/* 64-bit extremes: never mapped, no overflow (UBSan would abort). */
	memset(first, 0, sizeof(first));
	memset(last, 0, sizeof(last));
	first[0] = UINT64_MAX - 1;
	last[0] = UINT64_MAX;
	first[1] = 0;
	last[1] = UINT64_MAX;
	first[2] = 200;
	last[2] = 299;
	gpt_build(img, 1024, 4, 128, first, last);
	EXPECT_INT(pt_probe(&dev, &res), 0, "gpt_hostile/u64");
	EXPECT_INT(res.n, 1, "gpt_hostile/u64");
	EXPECT_INT(res.slice[0].num, 3, "gpt_hostile/u64");
	EXPECT_INT(res.nwarn, 2, "gpt_hostile/u64");

	/* 256-byte entries (128 * 2^1) are valid; 192-byte ones are not. */
	gpt_build(img, 1024, 4, 256, first, last);
	EXPECT_INT(pt_probe(&dev, &res), 0, "gpt_hostile/esize");
	EXPECT_INT(res.n, 1, "gpt_hostile/esize");
	gpt_build(img, 1024, 4, 192, first, last);
	EXPECT_INT(pt_probe(&dev, &res), 0, "gpt_hostile/esize");
	EXPECT_INT(res.n, 0, "gpt_hostile/esize");
	UNIT_PASS("gpt_hostile");
}

/* 300 EBRs that only link (both entries extended: no partition numbers
 * used): the walk stops at 256 EBRs. */
static void ebr_limit(void)
{
	static unsigned char img[400 * 512];
	static struct pt_result res;
	struct mem m = { img, sizeof(img), 0 };
	struct pt_dev dev = { mem_read, &m, sizeof(img), 512, 0 };
	unsigned int i, e;

	memset(img, 0, sizeof(img));
	img[0x1be + 4] = 0x05;
	w32(img + 0x1be + 8, 1);
	w32(img + 0x1be + 12, 399);
	img[510] = 0x55;
	img[511] = 0xaa;
	for (i = 0; i < 300; i++) {
		unsigned char *b = img + (1 + i) * 512;

		for (e = 0; e < 2; e++) {
			b[0x1be + 16 * e + 4] = 0x05;
			w32(b + 0x1be + 16 * e + 8, i + 1);
			w32(b + 0x1be + 16 * e + 12, 1);
		}
		b[510] = 0x55;
		b[511] = 0xaa;
	}
	EXPECT_INT(pt_probe(&dev, &res), 0, "ebr_limit");
	EXPECT_INT(res.n, 1, "ebr_limit");
	EXPECT(res.nwarn == 1 && res.warn[0].code == PT_W_EBR_LIMIT, "ebr_limit",
	       "nwarn %u code %u", res.nwarn, res.nwarn ? res.warn[0].code : 0);
	UNIT_PASS("ebr_limit");
}

/* Old labels with out-of-range counts and versions. */
static void old_labels(void)
{
	static unsigned char img[64 * 512];
	static struct pt_result res;
	struct mem m = { img, sizeof(img), 0 };
	struct pt_dev dev = { mem_read, &m, sizeof(img), 512, 0 };
	unsigned int i;

	/* BSD: d_npartitions 65535, every slot used: 16 slots read */
	memset(img, 0, sizeof(img));
	w32(img + 512, 0x82564557u);
	img[512 + 138] = 0xff;
	img[512 + 139] = 0xff;
	for (i = 0; i < 23; i++) { /* slots past 16 run into the sector */
		unsigned char *p = img + 512 + 148 + 16 * i;

		if (148 + 16 * i + 16 > 512)
			break;
		w32(p, 1);
		w32(p + 4, 40 + i);
		p[12] = 7;
	}
	EXPECT_INT(pt_probe(&dev, &res), 0, "old_labels/bsd");
	EXPECT_STR(res.label, "bsd", "old_labels/bsd");
	EXPECT_INT(res.n, 16, "old_labels/bsd");

	/* Solaris VTOC version 2: ignored with a warning */
	memset(img, 0, sizeof(img));
	w32(img + 512 + 12, 0x600ddeeeu);
	w32(img + 512 + 16, 2);
	w32(img + 512 + 72 + 8, 10);
	EXPECT_INT(pt_probe(&dev, &res), 0, "old_labels/solaris");
	EXPECT_INT(res.n, 0, "old_labels/solaris");
	EXPECT(res.nwarn == 1 && res.warn[0].code == PT_W_BAD_VERSION,
	       "old_labels/solaris", "nwarn %u", res.nwarn);

	/* Mac: map count 2^32-1, only 3 entries present: stops at the
	 * first block without "PM"; block size 0 is no label */
	memset(img, 0, sizeof(img));
	img[0] = 'E';
	img[1] = 'R';
	img[2] = 0x02; /* 512 */
	for (i = 1; i <= 3; i++) {
		unsigned char *p = img + i * 512;

		p[0] = 'P';
		p[1] = 'M';
		memset(p + 4, 0xff, 4);
		p[11] = (unsigned char)(i * 4);
		p[15] = 2;
	}
	EXPECT_INT(pt_probe(&dev, &res), 0, "old_labels/mac");
	EXPECT_INT(res.n, 3, "old_labels/mac");
	img[2] = 0;
	EXPECT_INT(pt_probe(&dev, &res), 0, "old_labels/mac");
	EXPECT_INT(res.n, 0, "old_labels/mac");
	UNIT_PASS("old_labels");
}

static void names(void)
{
	char b[200];
	unsigned int num;
	uint64_t start;

	EXPECT_STR(pt_default_delim("mpatha"), "", "names/delim");
	EXPECT_STR(pt_default_delim("35000c50015ea7100"), "p", "names/delim");
	EXPECT_STR(pt_default_delim("loop0"), "p", "names/delim");
	EXPECT_STR(pt_default_delim(""), "", "names/delim");
	EXPECT_INT(pt_map_name(b, sizeof(b), "35000c50015ea7100", "-part", 1), 0,
		   "names/name");
	EXPECT_STR(b, "35000c50015ea7100-part1", "names/name");
	EXPECT_INT(pt_map_name(b, sizeof(b), "vg/lv", "p", 12), 0, "names/slash");
	EXPECT_STR(b, "vg!lvp12", "names/slash");
	memset(b, 'a', 126);
	b[126] = '\0';
	{
		char parent[128], out[200];

		memcpy(parent, b, 127);
		EXPECT_INT(pt_map_name(out, sizeof(out), parent, "", 1), 0,
			   "names/long");
		EXPECT_INT(pt_map_name(out, sizeof(out), parent, "", 10),
			   -ENAMETOOLONG, "names/long");
	}
	EXPECT_INT(pt_map_uuid(b, sizeof(b), 2, "mpath-35000c50015ea7100"), 0,
		   "names/uuid");
	EXPECT_STR(b, "part2-mpath-35000c50015ea7100", "names/uuid");
	EXPECT_INT(pt_nondm_uuid(b, sizeof(b), 8, 16), 0, "names/nondm");
	EXPECT_STR(b, "devnode_8:16_Wh5pYvM", "names/nondm");
	EXPECT_INT(pt_uuid_owner("part12-mpath-x", "mpath-x", &num), 0,
		   "names/owner");
	EXPECT_INT(num, 12, "names/owner");
	EXPECT_INT(pt_uuid_owner("part1-mpath-y", "mpath-x", &num), -EINVAL,
		   "names/owner");
	EXPECT_INT(pt_uuid_owner("part-mpath-x", "mpath-x", &num), -EINVAL,
		   "names/owner");
	EXPECT_INT(pt_uuid_owner("mpath-x", "mpath-x", &num), -EINVAL,
		   "names/owner");
	EXPECT_INT(pt_uuid_owner("part1-", "", &num), -EINVAL, "names/owner");
	{
		struct dm_target lt[2] = { { 0, 2048, "linear", "254:3 4096" },
					   { 2048, 8, "linear", "254:3 0" } };

		EXPECT_INT(pt_linear_on(lt, 1, 254, 3, &start), 0, "names/linear");
		EXPECT_INT(start, 4096, "names/linear");
		EXPECT_INT(pt_linear_on(lt, 1, 254, 30, &start), -EINVAL,
			   "names/linear");
		EXPECT_INT(pt_linear_on(lt, 2, 254, 3, &start), -EINVAL,
			   "names/linear");
		lt[0].type = "striped";
		EXPECT_INT(pt_linear_on(lt, 1, 254, 3, &start), -EINVAL,
			   "names/linear");
		lt[0].type = "linear";
		lt[0].params = "254:3";
		EXPECT_INT(pt_linear_on(lt, 1, 254, 3, &start), -EINVAL,
			   "names/linear");
		lt[0].params = "254:3 4096 x";
		EXPECT_INT(pt_linear_on(lt, 1, 254, 3, &start), -EINVAL,
			   "names/linear");
		lt[0].params = "254:3 4096";
		lt[0].start = 8;
		EXPECT_INT(pt_linear_on(lt, 1, 254, 3, &start), -EINVAL,
			   "names/linear");
	}
	UNIT_PASS("names");
}

int main(void)
{
	unit_suite = "partitions";
	crc();
	io_error();
	bad_args();
	order();
	dos_limits();
	gpt_hostile();
	ebr_limit();
	old_labels();
	names();
	golden();
	return UNIT_DONE();
}
