package io.cairn.kv.tests.linearizability;

/** A store the simulated clients talk to: executes one request atomically and answers it. */
interface KvService {

    Response execute(Request request);
}
