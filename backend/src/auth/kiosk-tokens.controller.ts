import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseWith } from '../common/parse-query.js';
import { Access } from './access.decorator.js';
import { idParam, kioskTokenBody, noQuery } from './auth-schemas.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { KioskTokensService } from './kiosk-tokens.service.js';
import type { UserPrincipal } from './principal.js';

/** Wall-screen tokens; admins only. The token is in the creation answer, once. */
@Controller('api/kiosk-tokens')
export class KioskTokensController {
  constructor(private readonly tokens: KioskTokensService) {}

  @Get()
  @Access('admin')
  list(@Query() query: unknown) {
    parseWith(noQuery, query);
    return this.tokens.list();
  }

  @Post()
  @Access('admin')
  create(@Body() body: unknown, @CurrentPrincipal() actor: UserPrincipal) {
    return this.tokens.create(parseWith(kioskTokenBody, body ?? {}).name, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('admin')
  async revoke(@Param() params: unknown, @CurrentPrincipal() actor: UserPrincipal): Promise<void> {
    await this.tokens.revoke(parseWith(idParam, params).id, actor);
  }
}
