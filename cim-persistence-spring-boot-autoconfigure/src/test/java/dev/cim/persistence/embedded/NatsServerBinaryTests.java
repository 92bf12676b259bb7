package dev.cim.persistence.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link NatsServerBinary} and {@link NatsServerVersion}, with shell scripts posing as
 * binaries.
 */
class NatsServerBinaryTests {

	@TempDir
	Path temp;

	@Test
	void parseAcceptsVersionsWithAndWithoutPrefixAndSuffix() {
		assertThat(NatsServerVersion.parse("2.15.1")).isEqualTo(new NatsServerVersion(2, 15, 1));
		assertThat(NatsServerVersion.parse("v2.12.0")).isEqualTo(new NatsServerVersion(2, 12, 0));
		assertThat(NatsServerVersion.parse("v2.12.0-RC.1")).isEqualTo(new NatsServerVersion(2, 12, 0));
		assertThat(NatsServerVersion.parse("v2.15.1").toString()).isEqualTo("2.15.1");
	}

	@Test
	void parseRejectsWhatIsNotAVersion() {
		assertThatIllegalArgumentException().isThrownBy(() -> NatsServerVersion.parse("2.15"))
			.withMessageContaining("'2.15'");
		assertThatIllegalArgumentException().isThrownBy(() -> NatsServerVersion.parse("nats-server"));
	}

	@Test
	void findInReadsTheVersionFromTheOutputOfVersion() {
		assertThat(NatsServerVersion.findIn("nats-server: v2.15.1\n")).contains(new NatsServerVersion(2, 15, 1));
		assertThat(NatsServerVersion.findIn("nats-server: v2.9.10")).contains(new NatsServerVersion(2, 9, 10));
		assertThat(NatsServerVersion.findIn("command not found")).isEmpty();
	}

	@Test
	void versionsCompareNumericallyNotAsText() {
		NatsServerVersion v2_9_10 = NatsServerVersion.parse("2.9.10");
		NatsServerVersion v2_12_0 = NatsServerVersion.parse("2.12.0");
		NatsServerVersion v2_12_1 = NatsServerVersion.parse("2.12.1");
		NatsServerVersion v3_0_0 = NatsServerVersion.parse("3.0.0");
		assertThat(v2_9_10).isLessThan(v2_12_0);
		assertThat(v2_12_0).isLessThan(v2_12_1);
		assertThat(v2_12_1).isLessThan(v3_0_0);
		assertThat(v2_12_0).isEqualByComparingTo(NatsServerVersion.MINIMUM);
		assertThat(v2_9_10.isAtLeast(NatsServerVersion.MINIMUM)).isFalse();
		assertThat(v2_12_0.isAtLeast(NatsServerVersion.MINIMUM)).isTrue();
		assertThat(v3_0_0.isAtLeast(NatsServerVersion.MINIMUM)).isTrue();
	}

	@Test
	void ofAcceptsABinaryThatIsNewEnough() throws IOException {
		Path binary = FakeNatsServers.create(this.temp.resolve("nats-server"), "2.12.0");
		NatsServerBinary found = NatsServerBinary.of(binary);
		assertThat(found.path()).isEqualTo(binary);
		assertThat(found.version()).isEqualTo(new NatsServerVersion(2, 12, 0));
	}

	@Test
	void ofRefusesAnOldBinaryAndSaysHowToGetANewerOne() throws IOException {
		Path binary = FakeNatsServers.create(this.temp.resolve("nats-server"), "2.9.10");
		assertThatExceptionOfType(NatsServerVersionException.class).isThrownBy(() -> NatsServerBinary.of(binary))
			.satisfies((ex) -> {
				assertThat(ex.getPath()).isEqualTo(binary);
				assertThat(ex.getVersion()).isEqualTo(new NatsServerVersion(2, 9, 10));
			})
			.withMessageContaining(binary + " is version 2.9.10, older than the 2.12.0")
			.withMessageContaining("scripts/install-nats-server.sh")
			.withMessageContaining("brew install nats-server")
			.withMessageContaining("https://github.com/nats-io/nats-server/releases")
			.withMessageContaining("CIM_NATS_URL");
	}

	@Test
	void ofRefusesABinaryWhoseVersionCannotBeRead() throws IOException {
		Path binary = this.temp.resolve("nats-server");
		Files.writeString(binary, "#!/bin/sh\necho 'something else'\n");
		Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThatExceptionOfType(EmbeddedNatsServerException.class).isThrownBy(() -> NatsServerBinary.of(binary))
			.withMessageContaining("Could not read the version")
			.withMessageContaining("something else");
	}

	@Test
	void explicitPathTakesPrecedenceOverEverythingElse() throws IOException {
		Path explicit = FakeNatsServers.create(this.temp.resolve("explicit/nats-server"), "2.12.1");
		Path fromVariable = FakeNatsServers.create(this.temp.resolve("variable/nats-server"), "2.13.0");
		Path root = this.temp.resolve("root");
		FakeNatsServers.create(root.resolve(NatsServerBinary.TOOLS_LOCATION), "2.14.0");
		Path onPath = FakeNatsServers.create(this.temp.resolve("bin/nats-server"), "2.15.0");
		Map<String, String> environment = Map.of(NatsServerBinary.BINARY_VARIABLE, fromVariable.toString(),
				NatsServerBinary.PROJECT_ROOT_VARIABLE, root.toString(), "PATH", onPath.getParent().toString());
		NatsServerBinary found = NatsServerBinary.resolve(explicit, environment::get, root);
		assertThat(found.path()).isEqualTo(explicit);
		assertThat(found.version()).isEqualTo(NatsServerVersion.parse("2.12.1"));
	}

	@Test
	void binaryVariableComesBeforeToolsAndPath() throws IOException {
		Path fromVariable = FakeNatsServers.create(this.temp.resolve("variable/nats-server"), "2.13.0");
		Path root = this.temp.resolve("root");
		FakeNatsServers.create(root.resolve(NatsServerBinary.TOOLS_LOCATION), "2.14.0");
		Path onPath = FakeNatsServers.create(this.temp.resolve("bin/nats-server"), "2.15.0");
		Map<String, String> environment = Map.of(NatsServerBinary.BINARY_VARIABLE, fromVariable.toString(),
				NatsServerBinary.PROJECT_ROOT_VARIABLE, root.toString(), "PATH", onPath.getParent().toString());
		assertThat(NatsServerBinary.locate(null, environment::get, root)).isEqualTo(fromVariable);
	}

	@Test
	void toolsUnderTheProjectRootComeBeforePath() throws IOException {
		Path root = this.temp.resolve("root");
		Path tools = FakeNatsServers.create(root.resolve(NatsServerBinary.TOOLS_LOCATION), "2.14.0");
		Path onPath = FakeNatsServers.create(this.temp.resolve("bin/nats-server"), "2.15.0");
		Map<String, String> environment = Map.of(NatsServerBinary.PROJECT_ROOT_VARIABLE, root.toString(), "PATH",
				onPath.getParent().toString());
		assertThat(NatsServerBinary.locate(null, environment::get, this.temp)).isEqualTo(tools);
	}

	@Test
	void withoutProjectRootToolsAreFoundUpwardsFromTheWorkingDirectory() throws IOException {
		Path root = this.temp.resolve("root");
		Path tools = FakeNatsServers.create(root.resolve(NatsServerBinary.TOOLS_LOCATION), "2.14.0");
		Path workingDirectory = Files.createDirectories(root.resolve("module/target"));
		Map<String, String> environment = Map.of("PATH", this.temp.resolve("empty").toString());
		assertThat(NatsServerBinary.locate(null, environment::get, workingDirectory)).isEqualTo(tools);
	}

	@Test
	void pathIsSearchedLast() throws IOException {
		Path onPath = FakeNatsServers.create(this.temp.resolve("bin/nats-server"), "2.15.0");
		Map<String, String> environment = Map.of("PATH",
				this.temp.resolve("empty") + java.io.File.pathSeparator + onPath.getParent());
		assertThat(NatsServerBinary.locate(null, environment::get, this.temp)).isEqualTo(onPath);
	}

	@Test
	void whenNothingIsFoundTheMessageNamesThePlacesSearchedAndHowToInstall() throws IOException {
		Path workingDirectory = Files.createDirectories(this.temp.resolve("project"));
		Path emptyBin = Files.createDirectories(this.temp.resolve("bin"));
		Map<String, String> environment = Map.of("PATH", emptyBin.toString());
		assertThatExceptionOfType(NatsServerNotFoundException.class)
			.isThrownBy(() -> NatsServerBinary.resolve(null, environment::get, workingDirectory))
			.satisfies((ex) -> assertThat(ex.getSearched()).containsExactly("the path given: none",
					"NATS_SERVER_BINARY: not set",
					".tools/nats-server/nats-server in " + workingDirectory
							+ " and its parent directories: not found (CIM_PROJECT_ROOT not set)",
					"nats-server on PATH (" + emptyBin + "): not found"))
			.withMessageStartingWith("No nats-server executable was found. Searched:")
			.withMessageContaining("scripts/install-nats-server.sh")
			.withMessageContaining("brew install nats-server")
			.withMessageContaining("https://github.com/nats-io/nats-server/releases")
			.withMessageContaining("CIM_NATS_URL");
	}

	@Test
	void projectRootWithoutToolsIsNamedInTheMessage() {
		Path root = this.temp.resolve("root");
		Map<String, String> environment = Map.of(NatsServerBinary.PROJECT_ROOT_VARIABLE, root.toString(), "PATH",
				this.temp.resolve("empty").toString());
		assertThatExceptionOfType(NatsServerNotFoundException.class)
			.isThrownBy(() -> NatsServerBinary.resolve(null, environment::get, this.temp))
			.withMessageContaining(".tools/nats-server/nats-server under CIM_PROJECT_ROOT: "
					+ root.resolve(NatsServerBinary.TOOLS_LOCATION) + " (missing)");
	}

	@Test
	void missingExplicitPathFailsWithoutFallingBackToOtherPlaces() throws IOException {
		Path onPath = FakeNatsServers.create(this.temp.resolve("bin/nats-server"), "2.15.0");
		Path missing = this.temp.resolve("nowhere/nats-server");
		Map<String, String> environment = Map.of("PATH", onPath.getParent().toString());
		assertThatExceptionOfType(NatsServerNotFoundException.class)
			.isThrownBy(() -> NatsServerBinary.resolve(missing, environment::get, this.temp))
			.satisfies(
					(ex) -> assertThat(ex.getSearched()).containsExactly("the path given: " + missing + " (missing)"));
	}

	@Test
	void binaryVariableNamingANonExecutableFileFailsWithoutFallingBack() throws IOException {
		Path notExecutable = Files.writeString(this.temp.resolve("nats-server"), "not a program");
		Path onPath = FakeNatsServers.create(this.temp.resolve("bin/nats-server"), "2.15.0");
		Map<String, String> environment = Map.of(NatsServerBinary.BINARY_VARIABLE, notExecutable.toString(), "PATH",
				onPath.getParent().toString());
		assertThatExceptionOfType(NatsServerNotFoundException.class)
			.isThrownBy(() -> NatsServerBinary.resolve(null, environment::get, this.temp))
			.withMessageContaining("NATS_SERVER_BINARY: " + notExecutable + " (not an executable file)");
	}

}
