package org.fieldpost.bench.compare;

import java.util.List;
import java.util.Locale;
import org.fieldpost.bench.jms.WorkloadResult;

/**
 * A horizontal bar chart of one workload, as a standalone SVG: per provider a bar for each figure
 * (send and receive rate, or p50 and p99 round trip) at the median, a whisker from the minimum to
 * the maximum of the valid rounds, and the median as text. A provider without a valid round gets
 * the word INVALID instead of bars.
 */
final class SvgChart {
    private static final int WIDTH = 760;
    private static final int LABEL = 150;
    private static final int PLOT = 470;
    private static final int BAR = 14;
    private static final int TOP = 56;
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b"};

    private SvgChart() {
    }

    static String render(Report report, String workload, List<String> providers, String subtitle) {
        boolean latency = Report.REQUEST_REPLY.equals(workload);
        String[] names = latency ? new String[] {"p50 round trip µs", "p99 round trip µs"}
            : new String[] {"send msg/s", "receive msg/s"};
        List<List<Spread>> figures = providers.stream().map(p -> latency
            ? List.of(report.spread(workload, p, WorkloadResult::p50Micros),
                report.spread(workload, p, WorkloadResult::p99Micros))
            : List.of(report.spread(workload, p, WorkloadResult::sendRate),
                report.spread(workload, p, WorkloadResult::receiveRate))).toList();
        double scale = figures.stream().flatMap(List::stream).filter(s -> !s.isEmpty()).mapToDouble(Spread::max)
            .max().orElse(1);
        int group = 2 * BAR + 14;
        int height = TOP + providers.size() * group + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, 10, 20, "font-size=\"15\" font-weight=\"bold\"", workload + (latency ? " (lower is better)"
            : " (higher is better)"));
        text(svg, 10, 38, "fill=\"#555\"", subtitle);
        for (int f = 0; f < 2; f++) {
            int x = LABEL + f * 190;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"44\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
                x, COLOURS[f]));
            text(svg, x + 14, 53, "", names[f]);
        }
        for (int i = 0; i < providers.size(); i++) {
            int y = TOP + i * group + 6;
            text(svg, 10, y + BAR + 4, "", providers.get(i));
            bars(svg, figures.get(i), y, scale);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void bars(StringBuilder svg, List<Spread> spreads, int y, double scale) {
        if (spreads.stream().allMatch(Spread::isEmpty)) {
            text(svg, LABEL, y + BAR + 4, "fill=\"#c00\" font-weight=\"bold\"", "INVALID (no valid round)");
            return;
        }
        for (int f = 0; f < spreads.size(); f++) {
            Spread s = spreads.get(f);
            int top = y + f * BAR;
            if (s.isEmpty()) {
                continue;
            }
            double width = PLOT * s.median() / scale;
            svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                LABEL, top, width, BAR - 2, COLOURS[f]));
            double min = LABEL + PLOT * s.min() / scale;
            double max = LABEL + PLOT * s.max() / scale;
            int mid = top + (BAR - 2) / 2;
            svg.append(String.format(Locale.ROOT,
                "<path d=\"M%.1f %d H%.1f M%.1f %d V%d M%.1f %d V%d\" stroke=\"#222\" fill=\"none\"/>%n",
                min, mid, max, min, mid - 4, mid + 4, max, mid - 4, mid + 4));
            text(svg, (int) Math.max(max, LABEL + width) + 6, top + BAR - 3, "font-size=\"11\"", s.format());
        }
    }

    private static void text(StringBuilder svg, int x, int y, String attributes, String text) {
        svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append('"')
            .append(attributes.isEmpty() ? "" : " " + attributes).append('>').append(escape(text))
            .append("</text>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
