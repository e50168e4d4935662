/* The control socket's name, both ends (sock.c). */
#ifndef MPBOOT_SOCK_H
#define MPBOOT_SOCK_H

#include <sys/socket.h>

/* The client's bounds: connect and send, then each read of the reply
 * (a "reconfigure" answers after its rescan). */
#define MPD_CONNECT_MS 5000u
#define MPD_REPLY_MS 60000u

/* The listening socket (non-blocking, close-on-exec), or -errno; on
 * -EADDRINUSE, *holder is the credentials of whoever holds the name
 * (uid (uid_t)-1: it did not answer). */
int mpd_sock_listen(struct ucred *holder);
/* A socket connected to the name, with send and receive timeouts of
 * ms, and the server's credentials in *cr; or -errno. */
int mpd_sock_connect(struct ucred *cr, unsigned int ms);

#endif
