package dev.cim.persistence.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The settings of a {@link ProvisionedStore} parameter that differ from the defaults of
 * {@link dev.cim.persistence.nats.NatsRepositoryConfig}. Stream, bucket and subject names
 * are always the store's own.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StoreSettings {

	/**
	 * How many events between snapshots; negative keeps the default.
	 * @return the snapshot interval
	 */
	int snapshotEvery() default -1;

	/**
	 * The IPLD codec, {@code dag-json} or {@code dag-cbor}; empty keeps the default.
	 * @return the codec
	 */
	String ipldCodec() default "";

	/**
	 * Whether events are content addressed.
	 * @return {@code false} for plain events
	 */
	boolean enableIpld() default true;

	/**
	 * Whether every load verifies the hash chain.
	 * @return {@code true} to verify on load
	 */
	boolean verifyOnLoad() default false;

}
