package dev.cim.persistence.repository.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.testsupport.Ids;

/**
 * Generates {@link Account} histories for the repository's tests.
 */
final class Accounts {

	private Accounts() {
	}

	/**
	 * A new account id.
	 * @return an id no other test uses
	 */
	static String newId() {
		return Ids.next("a");
	}

	/**
	 * Open an account owned by {@code ada} and deposit 1, 2, ... {@code deposits}, one
	 * save each.
	 * @param repository where to save
	 * @param id the account's id
	 * @param deposits how many deposits
	 * @return the account after the last save, at version {@code deposits + 1}
	 */
	static LoadedAggregate<Account> openWithDeposits(AggregateRepository<Account> repository, String id, int deposits) {
		Account account = Account.create();
		LoadedAggregate<Account> saved = repository.save(account, Account.open(id, "ada"));
		for (int i = 1; i <= deposits; i++) {
			saved = repository.save(saved, account.deposit(Integer.toString(i)));
		}
		return saved;
	}

	/**
	 * Open a new account and deposit 1, 2, ... {@code deposits}, one save each.
	 * @param repository where to save
	 * @param deposits how many deposits
	 * @return the new account's id
	 */
	static String openWithDeposits(AggregateRepository<Account> repository, int deposits) {
		String id = newId();
		openWithDeposits(repository, id, deposits);
		return id;
	}

	/**
	 * The deposits of the amounts {@code from} to {@code to}, both included.
	 * @param from the first amount
	 * @param to the last amount
	 * @return one event per amount
	 */
	static List<Account.AccountEvent> deposits(int from, int to) {
		List<Account.AccountEvent> events = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			events.add(new Account.Deposited(new BigDecimal(i)));
		}
		return events;
	}

}
