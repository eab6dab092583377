/* rc.h: the return codes that callers must tell apart. */
#ifndef RC_H
#define RC_H

enum rc {
	RC_OK = 0,	/* It worked. */
	RC_NOTFOUND,	/* No such row, or not one the caller may see. */
	RC_CONFLICT,	/* Someone else acted first (guarded update hit 0 rows). */
	RC_INVALID,	/* The input is malformed or breaks a rule. */
	RC_DENIED,	/* The caller may not do this. */
	RC_TOOBIG,	/* The input is larger than a configured limit. */
	RC_DB,		/* The database failed; already logged. */
	RC_SYS,		/* The system failed (I/O, randomness); already logged. */
	RC__MAX
};

#endif /* RC_H */
