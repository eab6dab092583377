/* replay.c: runs a fuzz target's LLVMFuzzerTestOneInput on every file of its corpus, one TAP line per input, so make check keeps the corpus as regression cases. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The folders come from the arguments; with none, from $FUZZ_CORPUS_DIR;
 * without that, from $srcdir/REPLAY_CORPUS (automake's test harness exports
 * srcdir), so that a bare run under make check replays the target's corpus.
 */
#ifndef REPLAY_CORPUS
#define REPLAY_CORPUS "."
#endif

static int	n;		/* TAP test number */
static int	failed;

/* Reads path whole into a buffer of its size (one byte more, never 0). */
static uint8_t *
slurp(const char *path, size_t *size)
{
	struct stat st;
	uint8_t *buf;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(fp), &st) != 0 ||
	    (buf = malloc((size_t)st.st_size + 1)) == NULL) {
		fclose(fp);
		return NULL;
	}
	*size = fread(buf, 1, (size_t)st.st_size, fp);
	if (ferror(fp) || *size != (size_t)st.st_size) {
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	return buf;
}

/*
 * Runs one input in a child process, so that a crash (the target aborts
 * when a check fails, the sanitizers abort on a bug) becomes one "not ok"
 * line and the other inputs still run.
 */
static void
replay(const char *path)
{
	size_t size = 0;
	uint8_t *buf;
	pid_t pid;
	int status;

	n++;
	if ((buf = slurp(path, &size)) == NULL) {
		printf("not ok %d - %s: cannot read: %s\n", n, path,
		    strerror(errno));
		failed++;
		return;
	}
	fflush(stdout);
	if ((pid = fork()) == -1) {
		printf("not ok %d - %s: fork: %s\n", n, path, strerror(errno));
		failed++;
	} else if (pid == 0) {
		/* A copy, so that reads past the end are the sanitizers' to see. */
		uint8_t *copy = malloc(size ? size : 1);

		if (copy == NULL)
			_exit(2);
		memcpy(copy, buf, size);
		LLVMFuzzerTestOneInput(copy, size);
		free(copy);
		_exit(0);
	} else if (waitpid(pid, &status, 0) == -1) {
		printf("not ok %d - %s: waitpid: %s\n", n, path,
		    strerror(errno));
		failed++;
	} else if (WIFSIGNALED(status)) {
		printf("not ok %d - %s: killed by signal %d\n", n, path,
		    WTERMSIG(status));
		failed++;
	} else if (WEXITSTATUS(status) != 0) {
		printf("not ok %d - %s: exit status %d\n", n, path,
		    WEXITSTATUS(status));
		failed++;
	} else
		printf("ok %d - %s\n", n, path);
	free(buf);
}

static int
byname(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays the regular, unhidden files of dir by name; returns how many. */
static int
replay_dir(const char *dir)
{
	char **names = NULL, **more, *path;
	size_t i, count = 0, cap = 0;
	struct dirent *de;
	struct stat st;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		printf("not ok %d - %s: cannot open the corpus: %s\n", ++n, dir,
		    strerror(errno));
		failed++;
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&path, "%s/%s", dir, de->d_name) == -1)
			abort();
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (count == cap) {
			cap = cap ? 2 * cap : 16;
			if ((more = realloc(names, cap * sizeof(*names))) == NULL)
				abort();
			names = more;
		}
		names[count++] = path;
	}
	closedir(d);
	if (count > 0)
		qsort(names, count, sizeof(*names), byname);
	for (i = 0; i < count; i++) {
		replay(names[i]);
		free(names[i]);
	}
	free(names);
	if (count == 0) {
		printf("not ok %d - %s: the corpus is empty\n", ++n, dir);
		failed++;
	}
	return (int)count;
}

int
main(int argc, char *argv[])
{
	const char *env;
	char *dir;
	int i;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			replay_dir(argv[i]);
	} else if ((env = getenv("FUZZ_CORPUS_DIR")) != NULL && *env != '\0') {
		replay_dir(env);
	} else {
		env = getenv("srcdir");
		if (asprintf(&dir, "%s/%s", env != NULL && *env != '\0' ? env : ".",
		    REPLAY_CORPUS) == -1)
			abort();
		replay_dir(dir);
		free(dir);
	}
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
