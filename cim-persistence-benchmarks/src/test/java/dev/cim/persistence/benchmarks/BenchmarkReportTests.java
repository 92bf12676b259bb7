package dev.cim.persistence.benchmarks;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report pairs each benchmark with its raw baseline and judges the targets from the
 * figures it is given.
 */
class BenchmarkReportTests {

	private static final String PACKAGE = "dev.cim.persistence.benchmarks.";

	@Test
	void pairsABenchmarkWithItsRawBaselineOfTheSameParameters() throws Exception {
		BenchmarkReport report = BenchmarkReport.of(results(result("ReplayBenchmarks.replay", "100", 500, 5, 1),
				result("ReplayBenchmarks.replayRaw", "100", 1000, 2, 1),
				result("ReplayBenchmarks.replay", "1000", 80, 5, 1)));
		assertThat(report.rows()).hasSize(2);
		BenchmarkReport.Row row = report.row("ReplayBenchmarks", "replay", " (events=100)");
		assertThat(row).isNotNull();
		assertThat(row.ratio()).isEqualTo(0.5);
		assertThat(row.ours.messagesPerOperation()).isEqualTo(5.0);
		assertThat(report.row("ReplayBenchmarks", "replay", " (events=1000)").ratio()).isNull();
	}

	@Test
	void reportsAMissedTargetWithByHowMuchAndWhy() throws Exception {
		String markdown = BenchmarkReport
			.of(results(result("SaveBenchmarks.saveOneEvent", null, 1500, 3, 1),
					result("SaveBenchmarks.saveOneEventRaw", null, 3000, 1, 1),
					result("LoadBenchmarks.loadFromSnapshot", "10000", 300, 3, 1)))
			.toMarkdown(Map.of("CPU", "test"));
		assertThat(markdown).contains("| single-event save vs raw publish | ≥ 0.90 | 0.50 | missed by 0.40 |")
			.contains("it also sends the aggregate's state without waiting (3.0 messages per save")
			.contains("| snapshot load (events=10000) | ≤ 3 round trips | 3 waited for (3.0 messages sent) | met,")
			.contains("| projection throughput | ≥ 20,000 events/s | not measured | – |")
			.contains("| CPU | test |");
	}

	private static JsonNode results(String... results) throws Exception {
		return new ObjectMapper().readTree("[" + String.join(",", results) + "]");
	}

	private static String result(String benchmark, String events, double score, long messages, long operations) {
		String params = (events != null) ? "\"params\":{\"events\":\"" + events + "\"}," : "";
		return "{\"benchmark\":\"" + PACKAGE + benchmark + "\"," + params + "\"primaryMetric\":{\"score\":" + score
				+ ",\"scoreError\":1.0,\"scoreUnit\":\"ops/s\"},\"secondaryMetrics\":{\"messages\":{\"score\":"
				+ messages + "},\"operations\":{\"score\":" + operations + "}}}";
	}

}
