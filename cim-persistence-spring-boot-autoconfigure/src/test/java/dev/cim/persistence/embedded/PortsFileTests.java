package dev.cim.persistence.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PortsFile}: reading the ports a server reports.
 */
class PortsFileTests {

	@Test
	void parseReadsClientAndMonitoringPorts() {
		assertThat(
				PortsFile.parse("{\"nats\":[\"nats://127.0.0.1:42761\"],\"monitoring\":[\"http://127.0.0.1:43847\"]}"))
			.isEqualTo(new PortsFile(42761, 43847));
	}

	@Test
	void parseWithoutMonitoringGivesPortZero() {
		assertThat(PortsFile.parse("{\"nats\":[\"nats://127.0.0.1:42761\"]}")).isEqualTo(new PortsFile(42761, 0));
	}

	@Test
	void parseOfAFileStillBeingWrittenGivesNothing() {
		assertThat(PortsFile.parse("{\"nats\":[\"nats://127.0.0.1:427")).isNull();
		assertThat(PortsFile.parse("")).isNull();
	}

}
