package dev.cim.persistence.ipld;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The codecs an event block can be written with, as chosen by
 * {@code cim.persistence.ipld.codec}: each has its multicodec code, its name in the
 * multicodec table, and the media type of its blocks.
 */
public enum IpldCodec {

	/**
	 * DAG-JSON, multicodec {@code 0x0129}: readable, and the default.
	 */
	DAG_JSON(Cid.DAG_JSON, "dag-json", "application/vnd.ipld.dag-json"),

	/**
	 * DAG-CBOR, multicodec {@code 0x71}: compact binary.
	 */
	DAG_CBOR(Cid.DAG_CBOR, "dag-cbor", "application/vnd.ipld.dag-cbor");

	private final long code;

	private final String codecName;

	private final String contentType;

	IpldCodec(long code, String codecName, String contentType) {
		this.code = code;
		this.codecName = codecName;
		this.contentType = contentType;
	}

	/**
	 * Return the codec with a name from the multicodec table.
	 * @param name {@code dag-json} or {@code dag-cbor}, in any case
	 * @return the codec
	 * @throws IllegalArgumentException when no codec has that name
	 */
	public static IpldCodec forName(String name) {
		String wanted = name.trim().toLowerCase(Locale.ROOT);
		for (IpldCodec codec : values()) {
			if (codec.codecName.equals(wanted)) {
				return codec;
			}
		}
		throw new IllegalArgumentException(
				"unknown IPLD codec \"" + name + "\": use " + DAG_JSON.codecName + " or " + DAG_CBOR.codecName);
	}

	/**
	 * Return the codec with a multicodec code, such as the codec of a CID.
	 * @param code the multicodec code
	 * @return the codec, or empty when it is not one of these
	 */
	public static Optional<IpldCodec> forCode(long code) {
		for (IpldCodec codec : values()) {
			if (codec.code == code) {
				return Optional.of(codec);
			}
		}
		return Optional.empty();
	}

	/**
	 * Return the multicodec code, which is the codec of the blocks' CIDs.
	 * @return {@link Cid#DAG_JSON} or {@link Cid#DAG_CBOR}
	 */
	public long code() {
		return this.code;
	}

	/**
	 * Return the name in the multicodec table, which is also the property value.
	 * @return {@code dag-json} or {@code dag-cbor}
	 */
	public String codecName() {
		return this.codecName;
	}

	/**
	 * Return the media type of a block, for the {@code Content-Type} header.
	 * @return {@code application/vnd.ipld.dag-json} or
	 * {@code application/vnd.ipld.dag-cbor}
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * Encode a value canonically.
	 * @param value a value of the data model
	 * @return the bytes of the block
	 * @throws IpldCodecException when the value cannot be encoded by this codec
	 */
	public byte[] encode(@Nullable Object value) {
		return switch (this) {
			case DAG_JSON -> DagJson.encode(value);
			case DAG_CBOR -> DagCbor.encode(value);
		};
	}

	/**
	 * Decode a block strictly.
	 * @param bytes the bytes of a block
	 * @return the value
	 * @throws IpldCodecException when the bytes are not canonical in this codec
	 */
	public @Nullable Object decode(byte[] bytes) {
		return switch (this) {
			case DAG_JSON -> DagJson.decode(bytes);
			case DAG_CBOR -> DagCbor.decode(bytes);
		};
	}

	/**
	 * Return the CID of a value encoded with this codec.
	 * @param value a value of the data model
	 * @return the CIDv1 over sha2-256 of {@link #encode(Object) encode(value)}
	 * @throws IpldCodecException when the value cannot be encoded by this codec
	 */
	public Cid cid(@Nullable Object value) {
		return Cid.of(this.code, encode(value));
	}

	/**
	 * Return the name in the multicodec table.
	 * @return {@link #codecName()}
	 */
	@Override
	public String toString() {
		return this.codecName;
	}

}
