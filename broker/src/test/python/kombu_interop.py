#!/usr/bin/env python3
"""Kombu interoperability check for the Fieldpost broker.

Declares (over plain TCP, or TLS with --ssl-ca) a direct, a fanout and a topic exchange with bound queues, publishes persistent
(delivery_mode 2) and transient (delivery_mode 1) messages through kombu's Producer, consumes
everything back with drain_events and manual acks, and prints one JSON summary line on stdout:

    {"kombu": "5.2.4",
     "queues": {"direct_a": [{"body": "...", "delivery_mode": 2, "routing_key": "a"}, ...], ...},
     "expected_total": 15, "received_total": 15}

The Java test (KombuInteropTest) asserts on that summary. Only kombu is used (no other
third-party module). Exit status: 0 when the run completed (whatever arrived), 1 on an error,
after printing the error to stderr.
"""

import argparse
import json
import socket
import ssl
import sys
import time

from kombu import Connection, Consumer, Exchange, Producer, Queue

# (logical queue name, exchange kind, binding key)
BINDINGS = [
    ("direct_a", "direct", "a"),
    ("direct_b", "direct", "b"),
    ("fanout_1", "fanout", ""),
    ("fanout_2", "fanout", ""),
    ("topic_eu", "topic", "prices.eu.*"),
    ("topic_all", "topic", "#"),
    ("topic_close", "topic", "*.*.close"),
]

# (exchange kind, routing key, body, delivery_mode)
PUBLICATIONS = [
    ("direct", "a", "direct-a-persistent", 2),
    ("direct", "a", "direct-a-transient", 1),
    ("direct", "b", "direct-b-persistent", 2),
    ("direct", "c", "direct-c-unroutable", 1),
    ("fanout", "ignored", "fanout-persistent", 2),
    ("fanout", "", "fanout-transient", 1),
    ("topic", "prices.eu.tick", "topic-eu-tick", 1),
    ("topic", "prices.us.close", "topic-us-close", 2),
    ("topic", "prices.eu.close", "topic-eu-close", 2),
    ("topic", "news", "topic-news", 1),
]

# How many deliveries the bindings above must produce in total (see KombuInteropTest for the
# per-queue expectations): direct 3, fanout 2 x 2, topic eu 2 + all 4 + close 2.
EXPECTED_TOTAL = 3 + 4 + 8


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--prefix", default="kombu-%d" % int(time.time() * 1000),
                        help="prefix of every exchange and queue name, to keep runs apart")
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="seconds to wait for all deliveries")
    parser.add_argument("--ssl-ca", metavar="PEM",
                        help="connect with TLS, trusting the certificates in this PEM file and "
                             "checking that the broker's certificate names --host")
    return parser.parse_args()


def declare(channel, prefix):
    exchanges = {
        kind: Exchange("%s.%s" % (prefix, kind), type=kind, durable=True, auto_delete=False)
        for kind in ("direct", "fanout", "topic")
    }
    for exchange in exchanges.values():
        exchange(channel).declare()
    queues = {}
    for logical, kind, key in BINDINGS:
        queue = Queue("%s.%s" % (prefix, logical), exchange=exchanges[kind], routing_key=key,
                      durable=True, auto_delete=False)
        queue(channel).declare()
        queues[logical] = queue
    return exchanges, queues


def publish(channel, exchanges):
    producer = Producer(channel)
    for kind, routing_key, body, delivery_mode in PUBLICATIONS:
        producer.publish(body.encode("utf-8"), exchange=exchanges[kind], routing_key=routing_key,
                         delivery_mode=delivery_mode, content_type="text/plain",
                         content_encoding="utf-8", retry=False)


def consume(connection, channel, queues, timeout):
    received = {logical: [] for logical in queues}
    total = [0]

    def handler_for(logical):
        def on_message(message):
            received[logical].append({
                "body": message.body.decode("utf-8") if isinstance(message.body, bytes) else message.body,
                "delivery_mode": message.properties.get("delivery_mode"),
                "routing_key": message.delivery_info.get("routing_key"),
                "redelivered": bool(message.delivery_info.get("redelivered")),
            })
            total[0] += 1
            message.ack()
        return on_message

    consumers = [Consumer(channel, queues=[queue], on_message=handler_for(logical), no_ack=False)
                 for logical, queue in queues.items()]
    for consumer in consumers:
        consumer.consume()
    deadline = time.monotonic() + timeout
    while total[0] < EXPECTED_TOTAL and time.monotonic() < deadline:
        try:
            connection.drain_events(timeout=max(0.05, min(1.0, deadline - time.monotonic())))
        except socket.timeout:
            continue
    # Linger briefly so that duplicates or stray deliveries would show up in the summary.
    linger_until = time.monotonic() + 0.5
    while time.monotonic() < linger_until:
        try:
            connection.drain_events(timeout=0.1)
        except socket.timeout:
            continue
    for consumer in consumers:
        consumer.cancel()
    return received, total[0]


def clean_up(channel, exchanges, queues):
    for queue in queues.values():
        queue(channel).delete()
    for exchange in exchanges.values():
        exchange(channel).delete()


def main():
    args = parse_args()
    import kombu
    url = "amqp://guest:guest@%s:%d//" % (args.host, args.port)
    tls = False
    if args.ssl_ca:
        # py-amqp makes a TLS client context from these: certificate and host name verified
        tls = {"ca_certs": args.ssl_ca, "cert_reqs": ssl.CERT_REQUIRED, "server_hostname": args.host}
    with Connection(url, connect_timeout=10, heartbeat=0, ssl=tls) as connection:
        connection.connect()
        channel = connection.channel()
        exchanges, queues = declare(channel, args.prefix)
        publish(channel, exchanges)
        received, total = consume(connection, channel, queues, args.timeout)
        clean_up(channel, exchanges, queues)
        channel.close()
    summary = {
        "kombu": kombu.__version__,
        "queues": received,
        "expected_total": EXPECTED_TOTAL,
        "received_total": total,
    }
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # report any failure as a non-zero exit with the cause on stderr
        print("kombu_interop failed: %r" % (error,), file=sys.stderr)
        raise
