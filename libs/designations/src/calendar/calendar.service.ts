import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { DesignationErrors } from '../designations.errors';
import { CalendarDto, CalendarView, WorkingDaysView } from '../dto/designations.dto';
import { BUILTIN_CALENDARS } from './builtin-calendars';
import { CalendarData, YearCalendar, calendarProblems, nthWorkingDay } from './working-days';

/** Said wherever a count passed through a year without holiday data. */
export const missingDataWarning = (years: number[]): string | null =>
  years.length
    ? `${years.join('、')} 年尚无节假日安排数据（国务院办公厅通知），已按周一至周五计算工作日；请管理员录入后核对`
    : null;

/** The working-day calendar as data: the built-in years, overridden by what the admin stored. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async data(em: EntityManager = this.dataSource.manager): Promise<Map<number, YearCalendar & { source: string }>> {
    const out = new Map<number, YearCalendar & { source: string }>(
      BUILTIN_CALENDARS.map((c) => [c.year, { ...c, source: 'builtin' }]),
    );
    const rows = await em.query(`SELECT * FROM working_calendars`);
    for (const r of rows)
      out.set(r.year, {
        year: r.year,
        notice: r.notice,
        holidays: r.holidays,
        workingWeekends: r.working_weekends,
        source: 'admin',
      });
    return out;
  }

  async list(): Promise<CalendarView[]> {
    return [...(await this.data()).values()].sort((a, b) => a.year - b.year);
  }

  async set(actor: Actor, meta: RequestMeta, year: number, dto: CalendarDto): Promise<CalendarView> {
    const input: YearCalendar = {
      year,
      notice: dto.notice,
      holidays: [...dto.holidays].sort(),
      workingWeekends: [...dto.workingWeekends].sort(),
    };
    const problems = calendarProblems({ ...input, holidays: dto.holidays, workingWeekends: dto.workingWeekends });
    if (problems.length)
      throw DesignationErrors.withDetails(
        'calendar_invalid',
        problems.map((p) => ({ ...p, code: 'calendar_invalid' })),
        problems.length,
      );
    await this.dataSource.transaction(async (em) => {
      const before = (await this.data(em)).get(year) ?? null;
      await em.query(
        `INSERT INTO working_calendars (year, notice, holidays, working_weekends, updated_by) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (year) DO UPDATE SET notice = $2, holidays = $3, working_weekends = $4, updated_by = $5,
           updated_at = now(), version = working_calendars.version + 1`,
        [year, input.notice, input.holidays, input.workingWeekends, actor.userId],
      );
      await this.audit.record(em, actor, meta, {
        action: 'calendar.set',
        entityType: 'working_calendar',
        entityId: String(year),
        before,
        after: input,
      });
    });
    return { ...input, source: 'admin' };
  }

  async workingDays(start: string, days: number): Promise<WorkingDaysView> {
    let r;
    try {
      r = nthWorkingDay(start, days, (await this.data()) as CalendarData);
    } catch {
      throw DesignationErrors.withDetails(
        'calendar_invalid',
        [{ field: 'start', code: 'calendar_invalid', message: `“${start}”不是有效日期` }],
        1,
      );
    }
    return { ...r, warning: missingDataWarning(r.yearsWithoutData) };
  }
}
