"""The kombu side of the Fieldpost interop example.

usage: kombu_peer.py produce|consume AMQP_URL QUEUE COUNT

produce: publishes COUNT text messages to the JMS queue QUEUE (exchange jms.queues, routing key
QUEUE), as plain AMQP with content type text/plain.
consume: reads COUNT messages from QUEUE and prints each body with its headers.
"""
import sys

from kombu import Connection, Exchange, Queue


def main():
    mode, url, queue_name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    jms_queues = Exchange('jms.queues', type='direct', durable=True)
    queue = Queue(queue_name, exchange=jms_queues, routing_key=queue_name, durable=True)
    with Connection(url) as conn:
        if mode == 'produce':
            producer = conn.Producer(serializer=None)
            for n in range(1, count + 1):
                producer.publish('hello %d from kombu' % n, exchange=jms_queues, routing_key=queue_name,
                                 declare=[queue], content_type='text/plain', content_encoding='utf-8',
                                 delivery_mode=2)
            print('kombu sent %d messages' % count)
        else:
            got = []

            def on_message(message):
                # the raw body: JMS text arrives as 'text/plain; charset=utf-8'
                text = message.body.decode('utf-8') if isinstance(message.body, bytes) else message.body
                got.append('%s (origin=%s)' % (text, message.headers.get('origin')))
                message.ack()

            with conn.Consumer(queue, on_message=on_message):
                while len(got) < count:
                    conn.drain_events(timeout=10)
            print('kombu received %s' % got)


if __name__ == '__main__':
    main()
