package dev.cim.persistence.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark once, briefly and in this JVM, only to prove that it works: each
 * must produce a result. Nothing here looks at how fast anything is.
 */
class BenchmarksSmokeTests {

	private static final String INCLUDE = "dev\\.cim\\.persistence\\.benchmarks\\..*";

	@Test
	void everyBenchmarkProducesAResult() throws Exception {
		Options options = new OptionsBuilder().include(INCLUDE)
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(150))
			.param("events", "200")
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Set<String> produced = new TreeSet<>();
		for (RunResult result : results) {
			assertThat(result.getPrimaryResult().getStatistics().getN()).as(result.getParams().getBenchmark())
				.isPositive();
			produced.add(result.getParams().getBenchmark());
		}
		assertThat(produced).containsExactlyInAnyOrderElementsOf(declaredBenchmarks());
		assertThat(produced).contains(SaveBenchmarks.class.getName() + ".saveOneEvent",
				SaveBenchmarks.class.getName() + ".saveOneEventRaw");
	}

	private static Set<String> declaredBenchmarks() {
		Set<String> declared = new TreeSet<>();
		for (BenchmarkListEntry entry : BenchmarkList.defaultList()
			.find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(INCLUDE),
					List.of())) {
			declared.add(entry.getUsername());
		}
		return declared;
	}

}
