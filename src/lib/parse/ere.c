/* POSIX ERE matcher, see ere.h.  Two steps: a recursive-descent parser
 * builds a small syntax tree, code generation turns it into a program for
 * a Pike VM (Thompson NFA simulation), which runs every thread in lock
 * step over the subject string, so matching is linear in its length. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ere.h"

#define MAX_NODES 256
#define MAX_CLASSES 32
#define MAX_PROG 768
#define DUP_MAX 255

enum { N_CHAR, N_ANY, N_CLASS, N_BOL, N_EOL, N_EMPTY, N_CAT, N_ALT, N_REP };
enum { I_CHAR, I_ANY, I_CLASS, I_BOL, I_EOL, I_SPLIT, I_JMP, I_MATCH };

struct node {
	uint8_t type, c;
	int16_t min, max;   /* N_REP; max -1: no upper bound */
	int16_t a, b;       /* children */
};

struct inst {
	uint8_t op, c;
	uint16_t x, y;
};

struct ere {
	const char *p;
	int depth, err;
	unsigned int nnode, ncls, nprog;
	struct node node[MAX_NODES];
	uint8_t cls[MAX_CLASSES][32];
	struct inst prog[MAX_PROG];
};

static int new_node(struct ere *r, int type, int a, int b)
{
	struct node *n;

	if (r->nnode >= MAX_NODES) {
		r->err = -E2BIG;
		return -1;
	}
	n = &r->node[r->nnode];
	memset(n, 0, sizeof(*n));
	n->type = (uint8_t)type;
	n->a = (int16_t)a;
	n->b = (int16_t)b;
	return (int)r->nnode++;
}

static int parse_alt(struct ere *r);

static void cls_set(uint8_t *bm, unsigned int c)
{
	bm[c >> 3] |= (uint8_t)(1u << (c & 7));
}

/* Character classes by name, C locale, no <ctype.h> so that the answer
 * does not depend on the locale of whoever runs us. */
static int in_named(const char *name, size_t len, unsigned int c)
{
	int up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
	int dig = c >= '0' && c <= '9', prt = c >= 0x20 && c < 0x7f;
	int alnum = up || lo || dig;

#define IS(s) (len == sizeof(s) - 1 && !memcmp(name, s, len))
	if (IS("alpha")) return up || lo;
	if (IS("digit")) return dig;
	if (IS("alnum")) return alnum;
	if (IS("upper")) return up;
	if (IS("lower")) return lo;
	if (IS("space")) return c == ' ' || (c >= '\t' && c <= '\r');
	if (IS("blank")) return c == ' ' || c == '\t';
	if (IS("punct")) return prt && c != ' ' && !alnum;
	if (IS("print")) return prt;
	if (IS("graph")) return prt && c != ' ';
	if (IS("cntrl")) return c < 0x20 || c == 0x7f;
	if (IS("xdigit")) return dig || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
#undef IS
	return -1;
}

/* A "[:name:]" inside a bracket, at r->p: its bytes (never NUL) into
 * the class bm, r->p past it.  0, or -1 for an unknown name or no ":]". */
static int named_class(struct ere *r, uint8_t *bm)
{
	const char *name = r->p + 2, *end = strstr(name, ":]");
	unsigned int i;

	if (!end)
		return -1;
	for (i = 1; i < 256; i++) {
		int in = in_named(name, (size_t)(end - name), i);

		if (in < 0)
			return -1;
		if (in)
			cls_set(bm, i);
	}
	r->p = end + 2;
	return 0;
}

/* After '[': a bracket expression into a new class bitmap. */
static int parse_bracket(struct ere *r)
{
	uint8_t *bm;
	int neg = 0, first = 1, n;
	unsigned int i;

	if (r->ncls >= MAX_CLASSES) {
		r->err = -E2BIG;
		return -1;
	}
	bm = r->cls[r->ncls];
	memset(bm, 0, 32);
	if (*r->p == '^') {
		neg = 1;
		r->p++;
	}
	for (;;) {
		unsigned int lo, hi;

		if (!*r->p)
			goto bad;
		if (*r->p == ']' && !first)
			break;
		first = 0;
		if (r->p[0] == '[' && (r->p[1] == '.' || r->p[1] == '='))
			goto bad; /* collating elements: not needed */
		if (r->p[0] == '[' && r->p[1] == ':') {
			if (named_class(r, bm))
				goto bad;
			continue;
		}
		lo = (unsigned char)*r->p++;
		hi = lo;
		if (r->p[0] == '-' && r->p[1] && r->p[1] != ']') {
			if (r->p[1] == '[' && (r->p[2] == '.' || r->p[2] == '=' ||
					       r->p[2] == ':'))
				goto bad;
			hi = (unsigned char)r->p[1];
			r->p += 2;
			if (hi < lo)
				goto bad;
		}
		for (i = lo; i <= hi; i++)
			cls_set(bm, i);
	}
	r->p++; /* ']' */
	if (neg)
		for (i = 0; i < 32; i++)
			bm[i] = (uint8_t)~bm[i];
	bm[0] &= (uint8_t)~1u; /* never NUL: it ends the subject */
	n = new_node(r, N_CLASS, 0, 0);
	if (n >= 0)
		r->node[n].c = (uint8_t)r->ncls++;
	return n;
bad:
	r->err = -EINVAL;
	return -1;
}

static int parse_atom(struct ere *r)
{
	unsigned char c = (unsigned char)*r->p;
	int n;

	switch (c) {
	case '(':
		r->p++;
		r->depth++;
		n = parse_alt(r);
		if (n < 0)
			return -1;
		if (*r->p != ')') {
			r->err = -EINVAL;
			return -1;
		}
		r->p++;
		r->depth--;
		return n;
	case '[':
		r->p++;
		return parse_bracket(r);
	case '.':
		r->p++;
		return new_node(r, N_ANY, 0, 0);
	case '^':
		r->p++;
		return new_node(r, N_BOL, 0, 0);
	case '$':
		r->p++;
		return new_node(r, N_EOL, 0, 0);
	case '*': case '+': case '?': case '{':
		r->err = -EINVAL; /* nothing to repeat */
		return -1;
	case '\\':
		c = (unsigned char)r->p[1];
		if (!c || (c >= '1' && c <= '9') || strchr("wWsSbB<>`'", c)) {
			r->err = -EINVAL;
			return -1;
		}
		r->p += 2;
		break;
	default:
		r->p++;
	}
	n = new_node(r, N_CHAR, 0, 0);
	if (n >= 0)
		r->node[n].c = c;
	return n;
}

static int parse_count(struct ere *r, int *v)
{
	int n = 0, any = 0;

	while (*r->p >= '0' && *r->p <= '9') {
		n = n * 10 + (*r->p++ - '0');
		any = 1;
		if (n > DUP_MAX)
			return -1;
	}
	*v = n;
	return any;
}

static int parse_rep(struct ere *r)
{
	int a = parse_atom(r);

	while (a >= 0) {
		int min, max, n;

		switch (*r->p) {
		case '*': min = 0; max = -1; break;
		case '+': min = 1; max = -1; break;
		case '?': min = 0; max = 1; break;
		case '{':
			r->p++;
			n = parse_count(r, &min);
			if (n < 0)
				goto bad;
			if (*r->p == ',') {
				r->p++;
				n = parse_count(r, &max);
				if (n < 0)
					goto bad;
				if (!n)
					max = -1;
			} else {
				if (!n)
					goto bad;
				max = min;
			}
			if (*r->p != '}' || (max >= 0 && max < min))
				goto bad;
			break;
		default:
			return a;
		}
		r->p++;
		n = new_node(r, N_REP, a, 0);
		if (n < 0)
			return -1;
		r->node[n].min = (int16_t)min;
		r->node[n].max = (int16_t)max;
		a = n;
	}
	return a;
bad:
	r->err = -EINVAL;
	return -1;
}

static int parse_cat(struct ere *r)
{
	int left = -1;

	while (*r->p && *r->p != '|' && !(*r->p == ')' && r->depth)) {
		int right = parse_rep(r);

		if (right < 0)
			return -1;
		left = left < 0 ? right : new_node(r, N_CAT, left, right);
		if (left < 0)
			return -1;
	}
	return left < 0 ? new_node(r, N_EMPTY, 0, 0) : left;
}

static int parse_alt(struct ere *r)
{
	int left = parse_cat(r);

	while (left >= 0 && *r->p == '|') {
		int right;

		r->p++;
		right = parse_cat(r);
		if (right < 0)
			return -1;
		left = new_node(r, N_ALT, left, right);
	}
	return left;
}

static int emit(struct ere *r, int op, unsigned int c)
{
	if (r->nprog >= MAX_PROG) {
		r->err = -E2BIG;
		return -1;
	}
	r->prog[r->nprog].op = (uint8_t)op;
	r->prog[r->nprog].c = (uint8_t)c;
	r->prog[r->nprog].x = r->prog[r->nprog].y = 0;
	return (int)r->nprog++;
}

static int gen(struct ere *r, int ni);

/* SPLIT whose first branch is node a's code, then a JMP: the SPLIT's
 * index (its second branch and the JMP's target are the caller's to
 * set: a loop jumps back, an alternation over its other branch), *j the
 * JMP's; -1 when the program is full. */
static int split_jmp(struct ere *r, int a, int *j)
{
	int s = emit(r, I_SPLIT, 0);

	if (s < 0)
		return -1;
	r->prog[s].x = (uint16_t)r->nprog;
	if (gen(r, a) || (*j = emit(r, I_JMP, 0)) < 0)
		return -1;
	return s;
}

/* A repetition {min,max} of n->a: min copies, then a loop for an open
 * max, or max - min optional copies whose SPLITs all skip to the end
 * (pend: at most DUP_MAX of them, as the parser bounds max). */
static int gen_rep(struct ere *r, const struct node *n)
{
	uint16_t pend[DUP_MAX];
	int i, s, j, loop;

	for (i = 0; i < n->min; i++)
		if (gen(r, n->a))
			return -1;
	if (n->max < 0) {
		if ((loop = split_jmp(r, n->a, &j)) < 0)
			return -1;
		r->prog[j].x = (uint16_t)loop;
		r->prog[loop].y = (uint16_t)r->nprog;
		return 0;
	}
	for (i = 0; i < n->max - n->min; i++) {
		s = emit(r, I_SPLIT, 0);
		if (s < 0)
			return -1;
		pend[i] = (uint16_t)s;
		r->prog[s].x = (uint16_t)r->nprog;
		if (gen(r, n->a))
			return -1;
	}
	for (j = 0; j < i; j++)
		r->prog[pend[j]].y = (uint16_t)r->nprog;
	return 0;
}

static int gen(struct ere *r, int ni)
{
	const struct node *n = &r->node[ni];
	int s, j;

	switch (n->type) {
	case N_CHAR:
		return emit(r, I_CHAR, n->c) < 0 ? -1 : 0;
	case N_ANY:
		return emit(r, I_ANY, 0) < 0 ? -1 : 0;
	case N_CLASS:
		return emit(r, I_CLASS, n->c) < 0 ? -1 : 0;
	case N_BOL:
		return emit(r, I_BOL, 0) < 0 ? -1 : 0;
	case N_EOL:
		return emit(r, I_EOL, 0) < 0 ? -1 : 0;
	case N_EMPTY:
		return 0;
	case N_CAT:
		return gen(r, n->a) || gen(r, n->b) ? -1 : 0;
	case N_ALT:
		if ((s = split_jmp(r, n->a, &j)) < 0)
			return -1;
		r->prog[s].y = (uint16_t)r->nprog;
		if (gen(r, n->b))
			return -1;
		r->prog[j].x = (uint16_t)r->nprog;
		return 0;
	case N_REP:
		return gen_rep(r, n);
	}
	return -1;
}

static int compile(struct ere *r, const char *pat)
{
	int root;

	memset(r, 0, offsetof(struct ere, node));
	r->p = pat;
	root = parse_alt(r);
	if (root >= 0 && *r->p)
		r->err = -EINVAL; /* a ')' the parser stopped at */
	if (r->err || root < 0)
		return r->err ? r->err : -EINVAL;
	if (gen(r, root) || emit(r, I_MATCH, 0) < 0)
		return r->err ? r->err : -E2BIG;
	return 0;
}

/* The Pike VM's thread lists. */
struct vm {
	uint16_t list[2][MAX_PROG];
	unsigned int n[2];
	uint32_t mark[MAX_PROG];
	uint16_t stack[2 * MAX_PROG + 1]; /* a SPLIT pushes two */
};

/* Add pc and everything reachable from it without consuming a
 * character, at subject position pos (length len), to list l. */
static void add(const struct ere *r, struct vm *v, int l, unsigned int pc,
		size_t pos, size_t len, uint32_t gen)
{
	unsigned int sp = 0;

	v->stack[sp++] = (uint16_t)pc;
	while (sp) {
		const struct inst *in;

		pc = v->stack[--sp];
		if (v->mark[pc] == gen)
			continue;
		v->mark[pc] = gen;
		in = &r->prog[pc];
		switch (in->op) {
		case I_JMP:
			v->stack[sp++] = in->x;
			break;
		case I_SPLIT:
			v->stack[sp++] = in->y;
			v->stack[sp++] = in->x;
			break;
		case I_BOL:
			if (pos == 0)
				v->stack[sp++] = (uint16_t)(pc + 1);
			break;
		case I_EOL:
			if (pos == len)
				v->stack[sp++] = (uint16_t)(pc + 1);
			break;
		default:
			v->list[l][v->n[l]++] = (uint16_t)pc;
		}
	}
}

static int run(const struct ere *r, const char *s)
{
	struct vm v;
	size_t len = strlen(s), pos;
	uint32_t gen = 1;
	int cur = 0;

	/* only the marks need a start value (lists are counted) */
	memset(v.mark, 0, sizeof(v.mark));
	v.n[0] = 0;

	for (pos = 0;; pos++) {
		unsigned int i, c = (unsigned char)s[pos];
		int nxt = !cur;

		/* a new thread at every position (regexec searches), in the
		 * generation the list for this position was built in */
		add(r, &v, cur, 0, pos, len, gen);
		v.n[nxt] = 0;
		gen++;
		for (i = 0; i < v.n[cur]; i++) {
			const struct inst *in = &r->prog[v.list[cur][i]];
			int ok;

			switch (in->op) {
			case I_MATCH:
				return 1;
			case I_CHAR:
				ok = c && c == in->c;
				break;
			case I_ANY:
				ok = c != 0;
				break;
			case I_CLASS:
				ok = (r->cls[in->c][c >> 3] >> (c & 7)) & 1;
				break;
			default:
				ok = 0;
			}
			if (ok)
				add(r, &v, nxt, v.list[cur][i] + 1u, pos + 1, len, gen);
		}
		if (!c)
			return 0;
		cur = nxt;
	}
}

int ere_check(const char *pat)
{
	struct ere r;

	return compile(&r, pat);
}

int ere_match(const char *pat, const char *s)
{
	struct ere r;
	int e = compile(&r, pat);

	return e ? e : run(&r, s);
}
