/* hello.c: a hello-world FastCGI program, the yardstick the benchmarks compare our pages against. */
#include <fcgiapp.h>

int
main(void)
{
	FCGX_Request r;

	FCGX_Init();
	FCGX_InitRequest(&r, 0, 0);
	while (FCGX_Accept_r(&r) >= 0) {
		FCGX_PutS("Status: 200 OK\r\nContent-Type: text/plain\r\n\r\n"
		    "Hello, world\n", r.out);
		FCGX_Finish_r(&r);
	}
	return 0;
}
