package dev.cim.persistence.repository.support;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.cim.persistence.repository.VersionConflictException;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Integration tests for
 * {@link NatsRepository#update(String, long, java.util.function.Function)} with the
 * versions a caller may send.
 */
@NatsIntegrationTest
class RepositoryUpdateIntegrationTests {

	private final CountingObserver observer = new CountingObserver();

	@Test
	void updateExpectingAVersionBelowOneShouldBeRefusedBeforeAnythingIsReadOrRun(ProvisionedStore store) {
		NatsRepository<Account> repository = store.repository(Account.class, this.observer);
		String id = Accounts.openWithDeposits(repository, 1);
		this.observer.reset();
		AtomicBoolean ran = new AtomicBoolean();
		for (long version : new long[] { 0, -1, Long.MIN_VALUE }) {
			assertThatIllegalArgumentException().isThrownBy(() -> repository.update(id, version, (account) -> {
				ran.set(true);
				return account.deposit("1");
			})).withMessageContaining("expected version must be at least 1, was " + version);
		}
		assertThat(ran).isFalse();
		assertThat(this.observer.count("conflict")).isZero();
		assertThat(this.observer.count("load.success.CACHE") + this.observer.count("load.success.STATE")).isZero();
		assertThat(repository.load(id).version()).isEqualTo(2);
	}

	@Test
	void updateExpectingAVersionBeyondTheHeadShouldBeACountedConflictWithoutRunningTheCommand(ProvisionedStore store) {
		NatsRepository<Account> repository = store.repository(Account.class, this.observer);
		String id = Accounts.openWithDeposits(repository, 1);
		this.observer.reset();
		AtomicBoolean ran = new AtomicBoolean();
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> repository.update(id, Long.MAX_VALUE, (account) -> {
				ran.set(true);
				return account.deposit("1");
			}))
			.satisfies((ex) -> {
				assertThat(ex.getExpectedVersion()).isEqualTo(Long.MAX_VALUE);
				assertThat(ex.getActualVersion()).isEqualTo(2);
			});
		assertThat(ran).isFalse();
		assertThat(this.observer.count("conflict")).isEqualTo(1);
		assertThat(this.observer.count("save.conflict")).isEqualTo(1);
	}

}
