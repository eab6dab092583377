/* stale.c: when the per-process caches must be read again: a one-second bound, and a generation counter in a file the processes of one node map. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/stale.h"

/*
 * The mapped counter, for the whole process (like the clock's offset):
 * the store functions that end sessions or publish a policy bump it
 * without being handed anything. NULL until stale_open().
 */
static uint64_t	*gen_map;
static bool	 gen_writable;
/* This process's own bumps: seen by its own caches with or without a map. */
static uint64_t	 gen_local;

int
stale_open(const char *run_dir, bool create)
{
	char path[4096];
	void *m;
	int fd, prot = PROT_READ | PROT_WRITE;
	struct stat st;

	if (gen_map != NULL)
		return 0;
	if (run_dir == NULL || *run_dir == '\0')
		return -1;
	snprintf(path, sizeof(path), "%s/cache-generation", run_dir);
	fd = open(path, O_RDWR | (create ? O_CREAT : 0) | O_CLOEXEC |
	    O_NOFOLLOW, 0660);
	if (fd == -1 && !create && errno == ENOENT)
		return -1;	/* no program has started: none to tell */
	if (fd == -1) {
		/* Another user's file: read it, bump nothing. */
		prot = PROT_READ;
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	}
	if (fd == -1) {
		log_warn("cannot open '%s': %s (run_dir); caches are bounded "
		    "by their second only", path, strerror(errno));
		return -1;
	}
	/* Two processes making it at once both grow it to the same size. */
	if (fstat(fd, &st) == -1 || (st.st_size < (off_t)sizeof(uint64_t) &&
	    ((prot & PROT_WRITE) == 0 ||
	    ftruncate(fd, sizeof(uint64_t)) == -1))) {
		log_warn("cannot size '%s': %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	m = mmap(NULL, sizeof(uint64_t), prot, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		log_warn("cannot map '%s': %s", path, strerror(errno));
		return -1;
	}
	gen_map = m;
	gen_writable = (prot & PROT_WRITE) != 0;
	return 0;
}

uint64_t
stale_gen(void)
{
	return gen_local + (gen_map != NULL ?
	    __atomic_load_n(gen_map, __ATOMIC_ACQUIRE) : 0);
}

void
stale_bump(void)
{
	gen_local++;
	if (gen_map != NULL && gen_writable)
		__atomic_add_fetch(gen_map, 1, __ATOMIC_ACQ_REL);
}

int64_t
stale_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool
stale_fresh(int64_t cached_ms, uint64_t gen, int64_t now_ms)
{
	return now_ms >= cached_ms && now_ms - cached_ms < STALE_TTL_MS &&
	    gen == stale_gen();
}
