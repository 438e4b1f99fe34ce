package org.fieldpost.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.fieldpost.bench.jms.WorkloadResult;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final List<String> PROVIDERS = List.of("fieldpost", "artemis");

    private static RunRecord run(String provider, int round, double rate) {
        return new RunRecord("queue-persistent", provider, round,
            new WorkloadResult("queue-persistent", true, 1000, rate, rate, Double.NaN, Double.NaN, Double.NaN, ""),
            provider + " broker", 1);
    }

    private static RunRecord lost(String provider, int round) {
        return new RunRecord("queue-persistent", provider, round,
            WorkloadResult.failed("queue-persistent", 1000, "3 missing (997 of 1000 received)"), "", 1);
    }

    @Test
    void theFigureIsTheMedianOfTheRoundsWithTheirRange() {
        Spread spread = Spread.of(List.of(300.0, 100.0, 200.0));

        assertThat(spread.median()).isEqualTo(200.0);
        assertThat(spread.format()).isEqualTo("200 [100–300]");
        assertThat(Spread.of(List.of(1.0, 2.0, 3.0, 10.0)).median()).isEqualTo(2.5);
    }

    @Test
    void anInvalidRoundGivesNoFigureAndIsNamedWithItsReason() {
        Report report = new Report(List.of(run("fieldpost", 1, 1000), lost("fieldpost", 2), run("fieldpost", 3, 3000),
            lost("artemis", 1), lost("artemis", 2), lost("artemis", 3)), PROVIDERS);

        String section = report.section("queue-persistent", "test");

        assertThat(report.spread("queue-persistent", "fieldpost", WorkloadResult::receiveRate).median())
            .isEqualTo(2000.0);
        assertThat(section).contains("| fieldpost | 2,000 [1,000–3,000] | 2,000 [1,000–3,000] | **2/3** |");
        assertThat(section).contains("| artemis | – | – | **0/3** |");
        assertThat(section).contains("- INVALID: artemis round 1: 3 missing (997 of 1000 received)");
        assertThat(section).contains("| fieldpost | n/a |");
    }

    @Test
    void theRatioIsFieldpostOverTheOther() {
        Report report = new Report(List.of(run("fieldpost", 1, 3000), run("artemis", 1, 1500)), PROVIDERS);

        assertThat(report.ratios("queue-persistent")).contains("| fieldpost | 2.00 |");
    }

    @Test
    void theChartIsWellFormedSvgAndMarksAProviderWithoutValidRounds() throws Exception {
        Report report = new Report(List.of(run("fieldpost", 1, 3000), lost("artemis", 1)), PROVIDERS);

        String svg = SvgChart.render(report, "queue-persistent", PROVIDERS, "1,000 messages <1 KiB> & more");

        DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(svg).contains("INVALID", "&lt;1 KiB&gt; &amp; more", "fieldpost");
    }

    @Test
    void theCsvKeepsInvalidRunsWithoutFigures() {
        assertThat(CsvReport.row(lost("artemis", 2), 1024))
            .isEqualTo("queue-persistent,artemis,2,false,1000,1024,,,,,,1.0,\"3 missing (997 of 1000 received)\"");
        assertThat(CsvReport.row(run("fieldpost", 1, 1234.56), 1024))
            .startsWith("queue-persistent,fieldpost,1,true,1000,1024,1234.6,1234.6,,,,");
    }
}
