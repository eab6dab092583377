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
 * The mapped counters, for the whole process (like the clock's offset):
 * gen_map[0] for sessions, accounts and the policy, gen_map[1] for any
 * data (the database layer bumps it after every write that changed
 * rows), bumped without being handed anything. NULL until stale_open().
 * A file of an older version holds only the first: data_map is NULL
 * then (and the pages' cache is bounded by its second alone on the
 * node).
 */
static uint64_t	*gen_map;
static uint64_t	*data_map;
static bool	 gen_writable;
/* This process's own bumps: seen by its own caches with or without a map. */
static uint64_t	 gen_local;
static uint64_t	 data_local;

#define STALE_FILE_SIZE	(2 * sizeof(uint64_t))

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
	if (fstat(fd, &st) == -1 || (st.st_size < (off_t)STALE_FILE_SIZE &&
	    (prot & PROT_WRITE) != 0 &&
	    ftruncate(fd, STALE_FILE_SIZE) == -1) ||
	    (st.st_size < (off_t)sizeof(uint64_t) && (prot & PROT_WRITE) == 0)) {
		log_warn("cannot size '%s': %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	m = mmap(NULL, STALE_FILE_SIZE, prot, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		log_warn("cannot map '%s': %s", path, strerror(errno));
		return -1;
	}
	gen_map = m;
	if ((prot & PROT_WRITE) != 0 || st.st_size >= (off_t)STALE_FILE_SIZE)
		data_map = gen_map + 1;
	gen_writable = (prot & PROT_WRITE) != 0;
	return 0;
}

/* A counter: this process's own bumps plus the node's mapped one (NULL: none). */
static uint64_t
counter_read(uint64_t local, const uint64_t *map)
{
	return local + (map != NULL ? __atomic_load_n(map, __ATOMIC_ACQUIRE) :
	    0);
}

static void
counter_bump(uint64_t *local, uint64_t *map)
{
	(*local)++;
	if (map != NULL && gen_writable)
		__atomic_add_fetch(map, 1, __ATOMIC_ACQ_REL);
}

uint64_t
stale_gen(void)
{
	return counter_read(gen_local, gen_map);
}

void
stale_bump(void)
{
	counter_bump(&gen_local, gen_map);
}

uint64_t
stale_data_gen(void)
{
	return stale_gen() + counter_read(data_local, data_map);
}

void
stale_data_bump(void)
{
	counter_bump(&data_local, data_map);
}

int64_t
stale_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether what was read at cached_ms is still within the bound at now_ms. */
static bool
young(int64_t cached_ms, int64_t now_ms)
{
	return now_ms >= cached_ms && now_ms - cached_ms < STALE_TTL_MS;
}

bool
stale_fresh(int64_t cached_ms, uint64_t gen, int64_t now_ms)
{
	return young(cached_ms, now_ms) && gen == stale_gen();
}

bool
stale_data_fresh(int64_t cached_ms, uint64_t gen, int64_t now_ms)
{
	return young(cached_ms, now_ms) && gen == stale_data_gen();
}
