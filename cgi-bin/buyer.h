/* buyer.h: the handlers of buyer.fcgi, split by page group (buyer.c: orders and policy; buyer-case.c: cases). */
#ifndef BUYER_H
#define BUYER_H

#include "app/app.h"
#include "core/rules.h"
#include "store/orders.h"

/*
 * Why an order line cannot be asked about now, in words for the buyer
 * (a msgid; "" for LINE_CAN_REQUEST and LINE_OPEN_CASE, which the pages
 * show otherwise). The orders page and the request form say the same.
 */
const char *buyer_line_words(enum line_can can);

/*
 * Fills s with what the pages show of line l's item: PICTURE (URL, ALT:
 * the title) when its picture_url is picture_safe(), and VARIANT (TEXT)
 * when the title does not name the variant bought already.
 */
void	buyer_line_item(struct tmpl_dict *s, const struct order_line *l);

void	buyer_cases(struct req *r);
void	buyer_case_new(struct req *r);

#endif /* BUYER_H */
