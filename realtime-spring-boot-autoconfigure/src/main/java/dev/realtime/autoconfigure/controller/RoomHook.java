package dev.realtime.autoconfigure.controller;

import java.util.List;

import dev.realtime.security.RoomPattern;

/** An {@code @OnPublish} or {@code @OnSubscribe} method and the rooms it runs for. */
record RoomHook(List<RoomPattern> patterns, ControllerMethod method) {

	boolean matches(String room) {
		for (RoomPattern pattern : this.patterns) {
			if (pattern.matches(room)) {
				return true;
			}
		}
		return false;
	}

}
