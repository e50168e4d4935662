/* Read multipath.conf and conf.d/NAME.conf (sorted) into a struct mp_conf.
 * A missing file is no configuration; a file that cannot be read is one
 * warning: a boot never stops on the configuration. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "conf_load.h"
#include "log.h"
#include "names.h"
#include "str.h"

static void file_warn(struct mp_conf *c, const char *path, int err)
{
	c->nwarn++;
	if (c->warn)
		c->warn(c->warn_arg, path, 0, mp_file_err(err));
}

static int one(struct mp_conf *c, const char *path, int missing_ok)
{
	char *buf;
	size_t len;
	int r = mp_read_file(path, &buf, &len);

	if (r == -ENOENT && missing_ok)
		return 0;
	if (r) {
		file_warn(c, path, r);
		return 0;
	}
	r = mp_conf_parse(c, path, buf, len);
	free(buf);
	return r;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int mp_conf_load(struct mp_conf *c, const char *file, const char *dir)
{
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	DIR *d;
	int r = file ? one(c, file, 1) : 0;

	if (r || !dir || !(d = opendir(dir)))
		return r;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char **nn;

		if (l < 6 || strcmp(de->d_name + l - 5, ".conf") || de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			nn = realloc(names, cap * sizeof(*names));
			if (!nn) {
				r = -ENOMEM;
				break;
			}
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			r = -ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		if (!r && !str_fmt(path, sizeof(path), "%s/%s", dir, names[i]))
			r = one(c, path, 0);
		free(names[i]);
	}
	free(names);
	return r;
}

void mp_conf_warn_log(void *arg, const char *file, unsigned int line,
		      const char *msg)
{
	(void)arg;
	if (line)
		log_msg("%s:%u: %s", file, line, msg);
	else
		log_msg("%s: %s", file, msg);
}

int mp_config_load(struct mp_config *m, const char *file, mp_conf_warn_fn warn,
		   void *arg)
{
	int r;

	memset(m, 0, sizeof(*m));
	mp_conf_init(&m->conf, warn, arg);
	r = mp_conf_load(&m->conf, file ? file : MP_CONF_FILE,
			 file ? NULL : MP_CONF_DIR);
	if (r)
		return r;
	m->bindings_file = m->conf.bindings_file ? m->conf.bindings_file :
			   MP_BINDINGS_FILE;
	m->wwids_file = m->conf.wwids_file ? m->conf.wwids_file : MP_WWIDS_FILE;
	r = mp_bindings_load(m->bindings_file, &m->bindings);
	if (r == -ENOMEM)
		return r;
	if (r)
		file_warn(&m->conf, m->bindings_file, r);
	r = mp_wwids_load(m->wwids_file, &m->wwids);
	if (r == -ENOMEM)
		return r;
	if (r)
		file_warn(&m->conf, m->wwids_file, r);
	m->saved[0] = m->bindings.n;
	m->saved[1] = m->wwids.n;
	return 0;
}

void mp_config_free(struct mp_config *m)
{
	mp_conf_free(&m->conf);
	mp_names_free(&m->bindings);
	mp_names_free(&m->wwids);
}

/* The nearest existing ancestor decides: a missing file (and its missing
 * directory) can be made where that one is writable. */
int mp_file_writable(const char *path)
{
	char p[256];
	char *slash;

	if (str_copy(p, path, sizeof(p)))
		return 0;
	for (;;) {
		if (!access(p, W_OK))
			return 1;
		if (errno != ENOENT || !(slash = strrchr(p, '/')) || slash == p)
			return 0;
		*slash = '\0';
	}
}

void mp_mkdir_parent(const char *path)
{
	char dir[256];
	char *slash;

	if (str_copy(dir, path, sizeof(dir)) || !(slash = strrchr(dir, '/')) ||
	    slash == dir)
		return;
	*slash = '\0';
	mkdir(dir, 0755);
}

void mp_config_record(struct mp_config *m, const char *name, const char *wwid,
		      int new_binding)
{
	/* even unrecorded: later LUs must not get the same name */
	if (new_binding && mp_names_add(&m->bindings, name, wwid))
		log_err(-ENOMEM, "%s: cannot record binding %s:", m->bindings_file, name);
	/* known: a reload or a re-run writes nothing */
	if (mp_wwids_find(&m->wwids, wwid) < 0 && mp_names_add(&m->wwids, wwid, NULL))
		log_err(-ENOMEM, "%s: cannot record %s:", m->wwids_file, wwid);
}

void mp_config_flush(struct mp_config *m)
{
	const char *file[2] = { m->bindings_file, m->wwids_file };
	struct mp_names *l[2] = { &m->bindings, &m->wwids };
	int i, r;

	for (i = 0; i < 2; i++) {
		if (l[i]->n <= m->saved[i])
			continue;
		mp_mkdir_parent(file[i]);
		r = mp_names_write(file[i], l[i], m->saved[i], 0);
		if (r)
			log_err(r, "%s: cannot record:", file[i]);
		m->saved[i] = l[i]->n;
	}
}
