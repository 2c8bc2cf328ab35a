import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { parseWith } from '../common/parse-query.js';
import { Access } from './access.decorator.js';
import { createUserBody, idParam, noQuery, updateUserBody } from './auth-schemas.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import type { UserPrincipal } from './principal.js';
import { UsersService } from './users.service.js';

/** People and roles; admins only. A role, status or password change signs the person out everywhere. */
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access('admin')
  list(@Query() query: unknown) {
    parseWith(noQuery, query);
    return this.users.list();
  }

  @Post()
  @Access('admin')
  create(@Body() body: unknown, @CurrentPrincipal() actor: UserPrincipal) {
    return this.users.create(parseWith(createUserBody, body ?? {}), actor);
  }

  @Patch(':id')
  @Access('admin')
  update(@Param() params: unknown, @Body() body: unknown, @CurrentPrincipal() actor: UserPrincipal) {
    const { id } = parseWith(idParam, params);
    return this.users.update(id, parseWith(updateUserBody, body ?? {}), actor);
  }
}
