package org.minbar.cards;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/**
 * The logo's mark: a minbar (the stepped pulpit the site is named after) drawn in a 58×60 box: four
 * steps rising to a seat under a pointed dome, a pointed arch at its foot. One shape for the PNG and
 * the SVG, so both show the same.
 */
final class LogoMark {

    static final LogoMark DEFAULT = new LogoMark();
    private static final double BOX_WIDTH = 58;
    private static final double BOX_HEIGHT = 60;

    private final Area shape;

    private LogoMark() {
        Path2D steps = new Path2D.Double();
        steps.moveTo(0, 60);
        steps.lineTo(0, 52);
        double x = 0;
        double y = 52;
        for (int step = 0; step < 3; step++) {
            x += 8.5;
            steps.lineTo(x, y);
            y -= 8;
            steps.lineTo(x, y);
        }
        steps.lineTo(34, y);
        steps.lineTo(34, 60);
        steps.closePath();
        Area area = new Area(steps);
        area.add(new Area(new Rectangle2D.Double(34, 24, 22, 36)));
        Path2D dome = new Path2D.Double();
        dome.moveTo(31, 24.5);
        dome.curveTo(31, 15, 39, 10, 45, 5.5);
        dome.curveTo(51, 10, 59, 15, 59, 24.5);
        dome.closePath();
        area.add(new Area(dome));
        area.add(new Area(new Ellipse2D.Double(43, 0, 4, 4)));
        // The canopy stands apart from the seat; the arch opens the foot.
        area.subtract(new Area(new Rectangle2D.Double(30, 22.5, 30, 2)));
        Path2D arch = new Path2D.Double();
        arch.moveTo(40, 60);
        arch.lineTo(40, 50);
        arch.quadTo(40, 44, 45, 41);
        arch.quadTo(50, 44, 50, 50);
        arch.lineTo(50, 60);
        arch.closePath();
        area.subtract(new Area(arch));
        this.shape = area;
    }

    /** Width of the mark drawn {@code height} high. */
    float width(float height) {
        return (float) (BOX_WIDTH / BOX_HEIGHT * height);
    }

    /** The mark {@code height} high, its top left corner at the origin. */
    Shape shape(double height) {
        return AffineTransform.getScaleInstance(height / BOX_HEIGHT, height / BOX_HEIGHT).createTransformedShape(shape);
    }

    /** SVG path data of {@code shape} ({@code M}, {@code L}, {@code Q}, {@code C}, {@code Z}; two decimals at most). */
    static String svgPath(Shape shape) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3])).append(' ').append(n(c[4])).append(' ').append(n(c[5]));
                case PathIterator.SEG_CLOSE -> d.append('Z');
                default -> throw new IllegalStateException("unknown path segment");
            }
        }
        return d.toString();
    }

    private static String n(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }
}
