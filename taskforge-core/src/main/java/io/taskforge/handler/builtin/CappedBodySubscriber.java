package io.taskforge.handler.builtin;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body as it streams in, keeping at most {@code limit} bytes: once the limit
 * is passed it cancels the subscription, which closes the connection, so a huge or endless
 * response costs {@code limit} bytes of memory and no more.
 *
 * <p>The body is decoded with the charset the response names (UTF-8 otherwise); malformed
 * bytes become U+FFFD, and a character cut in half by the limit is dropped.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<CappedBodySubscriber.Body> {

    /** A decoded body; {@code truncated} when the response was longer than the limit. */
    record Body(String text, boolean truncated) {}

    private final int limit;
    private final Charset charset;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBodySubscriber(int limit, Charset charset) {
        this.limit = limit;
        this.charset = charset;
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return; // signals may still arrive after a cancel
        }
        for (ByteBuffer buffer : buffers) {
            int room = limit - bytes.size();
            int take = Math.min(room, buffer.remaining());
            byte[] chunk = new byte[take];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
            if (buffer.hasRemaining()) {
                // More than the limit: stop here, at exactly the limit.
                subscription.cancel();
                result.complete(new Body(decode(true), true));
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(decode(false), false));
    }

    private String decode(boolean truncated) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(in.remaining() * (double) decoder.maxCharsPerByte()));
        // Not at end of input when truncated: a multi-byte character cut by the limit is left
        // undecoded instead of becoming U+FFFD.
        decoder.decode(in, out, !truncated);
        if (!truncated) {
            decoder.flush(out);
        }
        return out.flip().toString();
    }
}
