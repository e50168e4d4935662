#include <errno.h>
#include <string.h>

#include "relogin.h"

void rl_init(struct rl_table *t)
{
	unsigned int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < RL_MAX; i++)
		t->s[i].fd = -1;
}

int rl_lost(struct rl_table *t, uint32_t sid, uint64_t now)
{
	struct rl_sess *free = NULL;
	unsigned int i;

	for (i = 0; i < RL_MAX; i++) {
		if (t->s[i].used && t->s[i].sid == sid)
			return 0;
		if (!t->s[i].used && !free)
			free = &t->s[i];
	}
	if (!free)
		return -ENOSPC;
	free->used = 1;
	free->sid = sid;
	free->tries = 0;
	free->fd = -1;
	free->due = now;
	return 0;
}

struct rl_sess *rl_due(struct rl_table *t, uint64_t now, uint64_t *next)
{
	struct rl_sess *s;
	unsigned int i;

	for (i = 0; i < RL_MAX; i++) {
		s = &t->s[i];
		if (!s->used || s->fd >= 0)
			continue;
		if (s->due <= now)
			return s;
		if (s->due < *next)
			*next = s->due;
	}
	return NULL;
}

void rl_done(struct rl_sess *s, int ok, uint64_t now)
{
	s->fd = -1;
	if (ok) {
		s->used = 0;
		return;
	}
	if (s->tries < 255)
		s->tries++;
	s->due = now + (s->tries < 3 ? RL_BACKOFF_MS << s->tries : RL_BACKOFF_MAX_MS);
}

int rl_argv(char *b, size_t len, char **av, int max)
{
	size_t i;
	int k = 1;

	b[len] = '\0';
	for (i = 0; i < len; i++) {
		if ((!i || !b[i - 1]) && k < max - 1)
			av[k++] = b + i;
		if (b[i] == '\n')
			b[i] = '\0';
	}
	av[k] = NULL;
	return k;
}
