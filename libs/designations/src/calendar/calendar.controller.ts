import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { CalendarDto, CalendarView, WorkingDaysQuery, WorkingDaysView } from '../dto/designations.dto';
import { CalendarService } from './calendar.service';
import { DesignationErrors } from '../designations.errors';

const YearPipe = new ParseIntPipe({ exceptionFactory: () => DesignationErrors.raise('invalid_year') });

@ApiTags('工作日历')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('calendars')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Roles('admin', 'official')
  @ApiOperation({ operationId: 'listCalendars', summary: '节假日与调休数据（按年）' })
  @ApiOkResponse({ type: [CalendarView] })
  list() {
    return this.calendar.list();
  }

  @Get('working-days')
  @Roles('admin', 'official')
  @ApiErrors(400)
  @ApiOperation({
    operationId: 'getWorkingDay',
    summary: '计算第 N 个工作日',
    description: '某年无数据时按周一至周五计算，并在 warning 中说明。',
  })
  @ApiOkResponse({ type: WorkingDaysView })
  workingDays(@Query() q: WorkingDaysQuery) {
    return this.calendar.workingDays(q.start, q.days);
  }

  @Put(':year')
  @Roles('admin')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'updateCalendarYear',
    summary: '录入或修改某年的节假日与调休数据',
    description: '须注明所依据的国务院办公厅关于该年部分节假日安排的通知（含文号）。',
  })
  @ApiOkResponse({ type: CalendarView })
  set(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('year', YearPipe) year: number,
    @Body() dto: CalendarDto,
  ) {
    if (year < 2000 || year > 2100) throw DesignationErrors.raise('invalid_year', 2000, 2100);
    return this.calendar.set(actor, meta, year, dto);
  }
}
