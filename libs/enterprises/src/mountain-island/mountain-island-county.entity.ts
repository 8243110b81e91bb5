import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One county of the 山区海岛县 list (seeded from @ff/regions, edited by the admin). */
@Entity('mountain_island_counties')
export class MountainIslandCounty {
  @PrimaryColumn({ type: 'text' })
  regionCode: string;

  @Column({ type: 'text' })
  name: string;

  /** The document that designates the county (title, number). */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
