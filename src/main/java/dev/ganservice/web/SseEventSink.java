package dev.ganservice.web;

import dev.ganservice.live.EventSink;
import dev.ganservice.live.StreamEvent;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Writes a job's events as server-sent events, each one's data a line of JSON. */
final class SseEventSink implements EventSink {

    private final SseEmitter emitter;

    SseEventSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void send(StreamEvent event) throws IOException {
        if (event.type() == StreamEvent.Type.HEARTBEAT) {
            emitter.send(SseEmitter.event().comment("heartbeat"));
            return;
        }
        emitter.send(
                SseEmitter.event()
                        .name(event.type().wireName())
                        .data(event.data(), MediaType.APPLICATION_JSON));
    }

    @Override
    public void complete() {
        emitter.complete();
    }

    @Override
    public void onClosed(Runnable callback) {
        emitter.onCompletion(callback);
        emitter.onTimeout(callback);
        emitter.onError(error -> callback.run());
    }
}
