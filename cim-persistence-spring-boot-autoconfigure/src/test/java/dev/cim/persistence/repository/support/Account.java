package dev.cim.persistence.repository.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.EventSourced;

/**
 * A small aggregate for the repository's tests.
 */
@Aggregate(context = "bank", type = "Account")
class Account implements EventSourced<Account.AccountEvent> {

	private String id;

	private String owner;

	private BigDecimal balance = BigDecimal.ZERO;

	private List<String> log = new ArrayList<>();

	private Account() {
	}

	static Account create() {
		return new Account();
	}

	static List<AccountEvent> open(String id, String owner) {
		return List.of(new Opened(id, owner));
	}

	List<AccountEvent> deposit(String amount) {
		return List.of(new Deposited(new BigDecimal(amount)));
	}

	@Override
	public String id() {
		return this.id;
	}

	BigDecimal balance() {
		return this.balance;
	}

	String owner() {
		return this.owner;
	}

	List<String> log() {
		return this.log;
	}

	@Override
	public void apply(AccountEvent event) {
		if (event instanceof Opened opened) {
			this.id = opened.accountId();
			this.owner = opened.owner();
		}
		else if (event instanceof Deposited deposited) {
			this.balance = this.balance.add(deposited.amount());
			this.log.add("+" + deposited.amount());
		}
		else if (event instanceof Withdrawn withdrawn) {
			this.balance = this.balance.subtract(withdrawn.amount());
			this.log.add("-" + withdrawn.amount());
		}
	}

	sealed interface AccountEvent permits Opened, Deposited, Withdrawn {

	}

	@DomainEvent(type = "AccountOpened")
	record Opened(String accountId, String owner) implements AccountEvent {
	}

	@DomainEvent
	record Deposited(BigDecimal amount) implements AccountEvent {
	}

	@DomainEvent(schema = 1)
	record Withdrawn(BigDecimal amount) implements AccountEvent {
	}

}
