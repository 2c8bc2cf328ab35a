import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { HeartbeatsService } from './heartbeats.service.js';

/** `POST /api/heartbeats/:key`: the other side says it is alive (optionally: its last message, its queue). */
@Controller('api/heartbeats')
export class HeartbeatsController {
  constructor(private readonly heartbeats: HeartbeatsService) {}

  /** No session: the key in the path is the credential, checked against the integrations' own keys. */
  @Post(':key')
  @Access('heartbeat-key')
  @HttpCode(204)
  push(@Param('key') key: string, @Body() body: unknown): void {
    this.heartbeats.accept(key, body);
  }
}
