/* testimg.h: pictures for the image tests, made and read with libjpeg, libpng and libwebp directly (not with the code under test). */
#ifndef TESTIMG_H
#define TESTIMG_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/image.h"

/* A file made by a test; free data with free(). */
struct blob {
	unsigned char	*data;
	size_t		 datasz;
};

/* A w x h picture of RGBA pixels (4 bytes each, row after row); free with timg_free(). */
struct timg {
	int		 w;
	int		 h;
	unsigned char	*p;
};

/* Returns a new w x h picture, opaque black; fails the test when out of memory. */
struct timg	 timg_new(int w, int h);
void		 timg_free(struct timg *);

/* The 4 bytes (R, G, B, A) of pixel x,y. */
unsigned char	*timg_at(const struct timg *, int x, int y);
void		 timg_set(struct timg *, int x, int y, int r, int g, int b,
		    int a);
/* Paints the rectangle x0,y0 to x1,y1 (inclusive) opaque r,g,b. */
void		 timg_fill(struct timg *, int x0, int y0, int x1, int y1,
		    int r, int g, int b);

/* Encoders; each fails the test when its library fails. */
struct blob	 timg_jpeg(const struct timg *, int quality, bool progressive);
struct blob	 timg_png(const struct timg *);
/* A palette PNG (colour type 3) of the picture's colours (at most 256). */
struct blob	 timg_png_palette(const struct timg *);
struct blob	 timg_webp(const struct timg *, bool lossless);
/* A small GIF (no format image.c takes). */
struct blob	 timg_gif(void);

/* Decodes n bytes at p as type into *out; returns false when it cannot. */
bool		 timg_decode(enum image_type type, const unsigned char *p,
		    size_t n, struct timg *out);

#endif /* TESTIMG_H */
