package dev.cim.persistence.event;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Generates version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then random bits,
 * so ids sort by creation time. The JDK has no generator for them, and the format is a
 * few lines.
 */
public final class UuidV7 {

	private static final SecureRandom RANDOM = new SecureRandom();

	private UuidV7() {
	}

	/**
	 * A new UUIDv7 for the current time.
	 * @return the UUID
	 */
	public static UUID next() {
		return next(Clock.systemUTC());
	}

	/**
	 * A new UUIDv7 for the clock's current time.
	 * @param clock the clock
	 * @return the UUID
	 */
	public static UUID next(Clock clock) {
		long millis = clock.millis();
		long randA = RANDOM.nextInt(1 << 12);
		long msb = ((millis & 0xFFFF_FFFF_FFFFL) << 16) | (0x7L << 12) | randA;
		long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}

}
