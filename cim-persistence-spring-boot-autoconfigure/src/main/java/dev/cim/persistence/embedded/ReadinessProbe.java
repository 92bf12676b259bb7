package dev.cim.persistence.embedded;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks a server over the client protocol whether JetStream answers: connects, sends a
 * JetStream account info request ({@code $JS.API.INFO}) and reads the reply. Needs no
 * HTTP monitoring port, so the embedded server runs without one unless asked for.
 */
final class ReadinessProbe {

	private static final String INBOX = "_INBOX.cim-embedded-readiness";

	private static final int TIMEOUT_MILLIS = 1000;

	private static final int MAX_PAYLOAD = 1 << 20;

	private ReadinessProbe() {
	}

	/**
	 * Whether the server at the address accepts clients and answers JetStream requests;
	 * for a server that requires authentication (only when started with arguments that
	 * ask for it), whether it accepts connections.
	 */
	static boolean isReady(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(unbracketed(host), port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			String info = readLine(in);
			if (!info.startsWith("INFO ")) {
				return false;
			}
			if (info.replace(" ", "").contains("\"auth_required\":true")) {
				// Started with authentication of its own (extra arguments): the probe has
				// no
				// credentials, so a server that accepts connections is as ready as it can
				// tell.
				return true;
			}
			out.write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true,"
					+ "\"name\":\"cim-embedded-readiness\",\"lang\":\"java\",\"version\":\"1\"}\r\n" + "SUB " + INBOX
					+ " 1\r\nPUB $JS.API.INFO " + INBOX + " 0\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return awaitReply(in, out);
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static boolean awaitReply(InputStream in, OutputStream out) throws IOException {
		while (true) {
			String line = readLine(in);
			if (line.equals("PING")) {
				out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			else if (line.startsWith("MSG ")) {
				String payload = readPayload(in, lastNumber(line));
				return payload.contains("account_info_response") && !payload.contains("\"error\"");
			}
			else if (line.startsWith("HMSG ") || line.startsWith("-ERR")) {
				// A status (503: JetStream not answering yet) or an error.
				return false;
			}
		}
	}

	private static int lastNumber(String line) {
		int size = Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1).strip());
		if (size < 0 || size > MAX_PAYLOAD) {
			throw new IllegalStateException("Unexpected payload size " + size);
		}
		return size;
	}

	private static String readPayload(InputStream in, int size) throws IOException {
		byte[] payload = in.readNBytes(size);
		return new String(payload, StandardCharsets.UTF_8);
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.UTF_8);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			if (line.size() > MAX_PAYLOAD) {
				throw new IOException("Protocol line too long");
			}
			line.write(b);
		}
		throw new IOException("Connection closed by the server");
	}

	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

}
