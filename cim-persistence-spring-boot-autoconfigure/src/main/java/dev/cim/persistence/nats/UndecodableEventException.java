package dev.cim.persistence.nats;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * A stored event cannot be decoded: its body is not a well-formed event block, or its
 * data does not fit the event class its type names. Names the event's subject and stream
 * sequence, so that the event can be found and inspected; the cause says what is wrong.
 */
public class UndecodableEventException extends DataRetrievalFailureException {

	private static final long serialVersionUID = 1L;

	private final String subject;

	private final long sequence;

	/**
	 * Create the exception.
	 * @param subject the event's subject
	 * @param sequence the event's stream sequence
	 * @param cause why it cannot be decoded
	 */
	public UndecodableEventException(String subject, long sequence, Throwable cause) {
		super("event " + subject + " at stream sequence " + sequence + " cannot be decoded: " + cause, cause);
		this.subject = subject;
		this.sequence = sequence;
	}

	/**
	 * The event's subject.
	 * @return the subject
	 */
	public String getSubject() {
		return this.subject;
	}

	/**
	 * The event's stream sequence.
	 * @return the sequence
	 */
	public long getSequence() {
		return this.sequence;
	}

}
