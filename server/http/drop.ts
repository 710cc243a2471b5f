/** Destroys the connection without an answer: what a dropped network looks like to the client. */
import type { FastifyReply } from 'fastify';

export function dropConnection(reply: FastifyReply): void {
  reply.hijack();
  reply.raw.socket?.destroy();
  reply.request.raw.socket.destroy();
}
