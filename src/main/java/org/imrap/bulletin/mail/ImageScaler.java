package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Makes a photo as large as the bulletin needs and no larger: a JPEG or PNG whose longer side is longer
 * than the limit ({@code images.maxWidth}) is scaled down to it, turned upright as its EXIF orientation
 * says (a phone stores a portrait photo lying on its side with a tag saying so; javax.imageio ignores the
 * tag, Thumbnailator applies it), and compressed again: JPEG stays JPEG at quality {@value #JPEG_QUALITY},
 * PNG stays PNG (a logo keeps its transparency). Smaller images, GIF and WebP go as they are. Only bytes in
 * memory are made: the file is never written.
 */
final class ImageScaler {
    static final float JPEG_QUALITY = 0.85f;
    /**
     * Decoding takes 3 to 4 bytes a pixel: a 12-megapixel phone photo 36 MB, this 400 MB. A larger image (or
     * a small file that claims to be one, as a crafted PNG can) is sent as it is, with a warning.
     */
    static final long MAX_PIXELS = 100_000_000L;

    private ImageScaler() {
    }

    /**
     * What goes into the message.
     *
     * @param bytes      the image as sent
     * @param notScaled  why an image larger than the limit is sent as it is, if it is
     */
    record Fitted(byte[] bytes, Optional<String> notScaled) {
    }

    static Fitted fit(byte[] original, String contentType, int maxSide) {
        String format = switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            default -> null;
        };
        Optional<int[]> size = format == null ? Optional.empty() : dimensions(original);
        if (size.isEmpty() || Math.max(size.get()[0], size.get()[1]) <= maxSide) {
            return new Fitted(original, Optional.empty());  // never enlarged; what ImageIO cannot read goes as it is
        }
        int width = size.get()[0];
        int height = size.get()[1];
        if ((long) width * height > MAX_PIXELS) {
            return new Fitted(original, Optional.of(t("image.tooManyPixels", width, height, MAX_PIXELS / 1_000_000)));
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thumbnails.Builder<?> builder = Thumbnails.of(new ByteArrayInputStream(original))
                    .size(maxSide, maxSide)
                    .useExifOrientation(true)
                    .outputFormat(format);
            if (format.equals("jpg")) {
                builder.outputQuality(JPEG_QUALITY);
            }
            builder.toOutputStream(out);
            byte[] scaled = out.toByteArray();
            return new Fitted(scaled.length < original.length ? scaled : original, Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Fitted(original, Optional.of(String.valueOf(e.getMessage() != null ? e.getMessage() : e)));
        } catch (OutOfMemoryError e) {
            // The decoded image is what filled the heap; it is garbage as soon as this returns.
            return new Fitted(original, Optional.of(t("image.noMemory")));
        }
    }

    /** Width and height as the file's header gives them, without decoding the pixels. */
    private static Optional<int[]> dimensions(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new int[] {reader.getWidth(0), reader.getHeight(0)});
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
