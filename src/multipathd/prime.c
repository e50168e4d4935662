/* The ALUA states a rescan plans with, without a synchronous command in
 * the loop (issue 24 item 4: the rescan's priority read was an SG_IO of
 * up to 30 s per path, in the loop, on a hung LU).
 *
 * Each path keeps the state of its port group as its last RTPG saw it
 * (dpath.alua: the checks' own asynchronous RTPG, follow.c, and this
 * file); the planning reads only that (mpd_prio_known).  A path whose
 * state is not known yet (a new LU, the daemon's start) gets one RTPG per
 * LU here, all LUs' at once on their sg nodes, and the rescan waits for
 * the answers PRIME_MS at most: one answer lists every port group of the
 * LU, so it serves all of the LU's paths.  A command not answered by then
 * stays in flight as the path's pending RTPG; its answer, when it comes,
 * makes the next loop turn re-plan (follow.c), and until then that LU's
 * paths plan without a priority.  A hung LU costs a rescan PRIME_MS once,
 * never a wait per path or per command. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "follow.h"
#include "prio.h"
#include "state.h"

#define PRIME_MS 1000u

int mpd_prio_known(void *arg, const struct mp_path *mp)
{
	struct mpd *d = arg;

	return d->dp[mp - d->scan.paths].alua - 1;
}

/* The first path of the LU of pp[i] that can take an RTPG now: an sg
 * node, no command in flight.  Its index, or n. */
static size_t sender(struct mpd *d, struct mp_path **pp, size_t n, size_t i)
{
	size_t k;

	for (k = i; k < n && !strcmp(pp[k]->wwid, pp[i]->wwid); k++) {
		struct dpath *p = &d->dp[pp[k] - d->scan.paths];

		if (p->alua)
			return n; /* known: the LU needs no command */
		if (p->pending || pp[k]->tpgs <= 0 || pp[k]->tpg < 0 ||
		    p->checker == CHECKER_DIRECTIO)
			continue;
		if (p->fd < 0 && chk_open(d, p, pp[k]->dev))
			continue;
		return k;
	}
	return n;
}

void mpd_prio_prime(void *arg, struct mp_path **pp, size_t n)
{
	struct mpd *d = arg;
	struct pollfd *pfd = calloc(n + 1, sizeof(*pfd));
	size_t *at = calloc(n + 1, sizeof(*at));
	size_t i, k, m = 0, left;
	uint64_t t0 = clock_ms(), now = t0;

	for (i = 0; pfd && at && i < n; i = k) {
		size_t s = sender(d, pp, n, i);

		for (k = i + 1; k < n && !strcmp(pp[k]->wwid, pp[i]->wwid); k++)
			;
		if (s == n || chk_rtpg_send(d, &d->dp[pp[s] - d->scan.paths]))
			continue;
		pfd[m] = (struct pollfd){ d->dp[pp[s] - d->scan.paths].fd, POLLIN, 0 };
		at[m++] = s;
	}
	for (left = m; left && now - t0 < PRIME_MS; now = clock_ms()) {
		if (poll(pfd, (nfds_t)m, (int)(PRIME_MS - (now - t0))) < 0 && errno != EINTR)
			break;
		for (i = 0; i < m; i++) {
			struct dpath *p = &d->dp[pp[at[i]] - d->scan.paths];
			int len;

			if (pfd[i].fd < 0 || !pfd[i].revents)
				continue;
			len = chk_rtpg_read(d, p);
			if (len == -EAGAIN)
				continue;
			/* no path is in a map yet: nothing moves */
			mpd_prio_rtpg(d->dp, d->scan.paths, (size_t)(pp[at[i]] - d->scan.paths),
				      d->rtpg, len);
			pfd[i].fd = -1;
			left--;
		}
	}
	/* not answered in time: the loop collects it (finish_check) */
	for (i = 0; i < m; i++)
		if (pfd[i].fd >= 0) {
			struct dpath *p = &d->dp[pp[at[i]] - d->scan.paths];

			p->pending = PEND_RTPG;
			p->sent = t0;
		}
	free(pfd);
	free(at);
}
