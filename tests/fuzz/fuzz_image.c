/* fuzz_image.c: libFuzzer target that feeds one input to image_process and checks what comes back. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/image.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Returns NULL when image_process kept the promises of image.h on data
 * (RC_OK with a re-encoded image of the sniffed type and a JPEG thumbnail
 * no larger than IMAGE_THUMB, or RC_INVALID with a reason and nothing to
 * free), or a sentence saying which promise broke. Decompression bombs
 * that slip past the header check show up as libFuzzer's malloc limit.
 */
static const char *
fuzz_image_one(const uint8_t *data, size_t size)
{
	struct image img;
	enum image_type in, t;
	const char *why = NULL, *err = NULL;
	enum rc rc;

	rc = image_process(data, size, &img, &why);
	if (rc == RC_INVALID) {
		if (why == NULL)
			err = "RC_INVALID without a reason";
		else if (img.data != NULL || img.thumb != NULL)
			err = "RC_INVALID left buffers behind";
		goto out;
	}
	if (rc != RC_OK) {
		err = "image_process returned an unexpected code";
		goto out;
	}
	if (why != NULL)
		err = "RC_OK with a reason";
	else if (image_sniff(data, size, &in) == -1 || in != img.type)
		err = "RC_OK for an input of another type";
	else if (img.width <= 0 || img.height <= 0 ||
	    (uint64_t)img.width * (uint64_t)img.height > IMAGE_MAX_PIXELS)
		err = "RC_OK with a size out of range";
	else if (img.data == NULL ||
	    image_sniff(img.data, img.datasz, &t) == -1 || t != img.type)
		err = "the re-encoded image is not of the input's type";
	else if (img.thumb == NULL ||
	    image_sniff(img.thumb, img.thumbsz, &t) == -1 || t != IMAGE_JPEG)
		err = "the thumbnail is not a JPEG";
out:
	image_release(&img);
	return err;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *err = fuzz_image_one(data, size);

	if (err != NULL) {
		fprintf(stderr, "fuzz_image: %s\n", err);
		abort();
	}
	return 0;
}
