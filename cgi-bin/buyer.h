/* buyer.h: the handlers of buyer.fcgi, split by page group (buyer.c: orders and policy; buyer-case.c: cases). */
#ifndef BUYER_H
#define BUYER_H

#include "app/app.h"
#include "core/rules.h"

/*
 * Why an order line cannot be asked about now, in words for the buyer
 * (a msgid; "" for LINE_CAN_REQUEST and LINE_OPEN_CASE, which the pages
 * show otherwise). The orders page and the request form say the same.
 */
const char *buyer_line_words(enum line_can can);

void	buyer_cases(struct req *r);
void	buyer_case_new(struct req *r);

#endif /* BUYER_H */
