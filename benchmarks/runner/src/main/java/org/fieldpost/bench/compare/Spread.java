package org.fieldpost.bench.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The median of some rounds' values with their minimum and maximum. For an even count the median
 * is the mean of the middle two.
 *
 * @param median the median, or {@code NaN} with no values
 * @param min the smallest value
 * @param max the largest value
 * @param count how many values
 */
record Spread(double median, double min, double max, int count) {

    static Spread of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        if (sorted.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** {@code "12,345 [11,002–13,010]"}, or just the median for one value, or {@code "–"}. */
    String format() {
        if (isEmpty()) {
            return "–";
        }
        if (count == 1) {
            return number(median);
        }
        return number(median) + " [" + number(min) + "–" + number(max) + "]";
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
