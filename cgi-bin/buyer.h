/* buyer.h: the handlers of buyer.fcgi, split by page group (buyer.c: orders and policy; buyer-case.c: cases). */
#ifndef BUYER_H
#define BUYER_H

#include "app/app.h"

void	buyer_cases(struct req *r);
void	buyer_case_new(struct req *r);

#endif /* BUYER_H */
