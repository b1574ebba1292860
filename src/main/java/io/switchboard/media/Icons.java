package io.switchboard.media;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The {@link RenditionKind#ICON}: the thumbnail JPEG scaled down to {@value #SIDE} px on its shorter side, for
 * pictures drawn at 28–48 px (three times that for sharp screens). Made with the JDK's image I/O from the thumbnail
 * our own ffmpeg wrote, never from an uploaded file.
 */
final class Icons {
    static final int SIDE = 96;
    private static final float QUALITY = 0.8f;

    private Icons() {
    }

    /** The icon of a thumbnail JPEG, as JPEG bytes. */
    static Made of(InputStream thumbnail) throws IOException {
        BufferedImage source = ImageIO.read(thumbnail);
        if (source == null) {
            throw new IOException("the thumbnail is not a picture the JDK can read");
        }
        BufferedImage image = source;
        int shorter = Math.min(image.getWidth(), image.getHeight());
        // halving first keeps a one-step bilinear scale from skipping pixels (aliasing)
        while (shorter / 2 >= SIDE) {
            image = scaled(image, image.getWidth() / 2, image.getHeight() / 2);
            shorter /= 2;
        }
        if (shorter > SIDE) {
            double factor = (double) SIDE / shorter;
            image = scaled(image, Math.max(1, (int) Math.round(image.getWidth() * factor)),
                    Math.max(1, (int) Math.round(image.getHeight() * factor)));
        } else if (image == source) {
            image = scaled(image, image.getWidth(), image.getHeight());
        }
        return new Made(jpeg(image), image.getWidth(), image.getHeight());
    }

    /** An icon's bytes and size in pixels. */
    record Made(byte[] jpeg, int width, int height) {
    }

    private static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
