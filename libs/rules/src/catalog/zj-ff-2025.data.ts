/**
 * 浙江省“未来工厂”分级建设要求 — tables 1–15, transcribed verbatim from
 * `libs/rules/data/zj-future-factory-requirements.txt` (checked clause for clause by
 * `__tests__/catalog-document.spec.ts`). Data only: code reads it, never the other way round.
 */
import type { RuleSetData } from './catalog.types';

export const ZJ_FF_2025: RuleSetData = {
  "version": "zj-ff-2025.1",
  "title": "浙江省“未来工厂”分级建设要求",
  "elements": [
    {
      "code": "enablement",
      "name": "赋能保障",
      "domains": [
        "technology_support",
        "system_assurance"
      ]
    },
    {
      "code": "foundation",
      "name": "基础支撑",
      "domains": [
        "infrastructure",
        "data_platform"
      ]
    },
    {
      "code": "application",
      "name": "应用场景",
      "domains": [
        "digital_design",
        "intelligent_production",
        "green_manufacturing",
        "lean_management",
        "smart_supply_chain",
        "personalized_customization",
        "networked_collaboration",
        "model_driven_development",
        "high_end_products",
        "service_extension"
      ]
    }
  ],
  "domains": [
    {
      "code": "technology_support",
      "name": "技术支撑",
      "element": "enablement"
    },
    {
      "code": "system_assurance",
      "name": "体系保障",
      "element": "enablement"
    },
    {
      "code": "infrastructure",
      "name": "基础设施",
      "element": "foundation"
    },
    {
      "code": "data_platform",
      "name": "数据平台",
      "element": "foundation"
    },
    {
      "code": "digital_design",
      "name": "数字化设计",
      "element": "application"
    },
    {
      "code": "intelligent_production",
      "name": "智能化生产",
      "element": "application"
    },
    {
      "code": "green_manufacturing",
      "name": "绿色化制造",
      "element": "application"
    },
    {
      "code": "lean_management",
      "name": "精益化管理",
      "element": "application"
    },
    {
      "code": "smart_supply_chain",
      "name": "智慧供应链",
      "element": "application"
    },
    {
      "code": "personalized_customization",
      "name": "个性化定制",
      "element": "application"
    },
    {
      "code": "networked_collaboration",
      "name": "网络化协同",
      "element": "application"
    },
    {
      "code": "model_driven_development",
      "name": "模型化发展",
      "element": "application"
    },
    {
      "code": "high_end_products",
      "name": "高端化产品",
      "element": "application"
    },
    {
      "code": "service_extension",
      "name": "服务化延伸",
      "element": "application"
    }
  ],
  "subdomains": [
    {
      "no": 1,
      "name": "新一代信息技术",
      "domain": "technology_support",
      "requirements": {
        "workshop": [
          {
            "id": "sd01.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应面向车间核心业务与设施管理需求，形成新一代信息技术（如数字孪生、5G/6G、大数据、人工智能等）典型应用，提升数字化生产和管理水平；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd01.ws.b",
            "label": "b",
            "obligation": "recommended",
            "industry": null,
            "text": "宜结合网络设施部署，完成关键设备联网、基础数据采集与回溯，可支持云边端的数据协同治理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd01.ws.c",
            "label": "c",
            "obligation": "recommended",
            "industry": null,
            "text": "宜结合可溯源的数据集，开展开源人工智能模型的应用。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd01.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应面向产品全生命周期关键环节与企业运维全过程，形成新一代信息技术（如数字孪生、5G/6G、大数据、人工智能等）典型应用场景，提升数字化生产和管理水平；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd01.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过网络设施部署，完成关键设备联网、基础数据采集与回溯。宜初步形成云边端协同的工业网络架构，实现边缘端实时分析计算与云端数据治理；",
            "hasRecommendedPart": true
          },
          {
            "id": "sd01.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应结合可溯源的数据，构建企业数据集，为大模型提供语料库。宜建立垂直领域应用大模型，实现模型的预训练和微调，助力企业提升管理水平。",
            "hasRecommendedPart": true
          }
        ],
        "future_factory": [
          {
            "id": "sd01.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应在产品全生命周期、企业运维全过程及供应链上下游协同方面，形成新一代信息技术（如数字孪生、5G/6G、大数据、人工智能等）典型应用场景，提升数字化生产和管理水平；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd01.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过内外网络设施和协议的部署，完成关键设备联网、基础数据采集与回溯。构建云边端协同的工业网络架构，实现数据从采集、边缘处理、云端分析到智能优化的全流程闭环治理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd01.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应构建企业数据中心，通过构建知识图谱和应用模型，提高企业智能制造水平；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd01.ff.d",
            "label": "d",
            "obligation": "recommended",
            "industry": null,
            "text": "宜结合企业已有的智能制造数据和算法模型，开展知识蒸馏和模型优化，自主研发行业垂直大模型，提升行业智能制造水平。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 2,
      "name": "先进制造技术",
      "domain": "technology_support",
      "requirements": {
        "workshop": [
          {
            "id": "sd02.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应在关键工序（设备）采用先进制造工艺和技术（如数控加工、超精密加工、智能过程控制、连续流等），支撑企业智能化改造升级；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd02.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过核心生产设备/生产单元的自动化控制，实现工艺参数的自动调优。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd02.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应在关键工序采用先进制造工艺和技术（如数控加工、超精密加工、智能过程控制、连续流等），支撑企业智能化改造升级；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd02.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应开展行业核心技术研发，针对制造工艺、装备设施等关键共性难题进行攻关，开展行业内系统集成和产品全生命周期管理技术自主研发。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd02.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用先进制造工艺和技术（如数控加工、超精密加工、智能过程控制、连续流等），提升生产质效，实现智能化、绿色化制造；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd02.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过关键核心技术、工艺、装备等自主研发，形成重大技术突破；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd02.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用数控装备、工业机器人等智能制造装备，深度融合新一代信息技术，实现制造过程的自感知、自分析、自优化和自决策。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 3,
      "name": "技术标准体系",
      "domain": "system_assurance",
      "requirements": {
        "workshop": [
          {
            "id": "sd03.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应规范工厂设计、生产、管理、物流及其系统集成等业务活动。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd03.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应针对流程、工具、系统、接口等应用要求，使用统一的技术标准。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd03.ff",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应覆盖研发、生产、测试、技术管理等环节，实现全生命周期的标准体系建设与应用。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 4,
      "name": "质量管理体系",
      "domain": "system_assurance",
      "requirements": {
        "workshop": [
          {
            "id": "sd04.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应以质量管理手册和管理程序规范生产作业。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd04.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "企业管理层、员工均应具有较强质量改进意识，常态化开展质量管理实训；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd04.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "通过贯标方式，将质量管理流程与生产流程深度融合，并将生产数据的自动化检测、监测能力赋能质量提升。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd04.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "确定质量为先核心发展战略，深度融合前沿技术创新应用，构建以质量提升为导向的实训体系；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd04.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "对标国际先进质量管理标准，深度融合数字孪生、人工智能等前沿技术，构建质量管理模型，实现产品质量全周期追溯与智能管控。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 5,
      "name": "安全防护体系",
      "domain": "system_assurance",
      "requirements": {
        "workshop": [
          {
            "id": "sd05.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应严格执行安全管理制度，开展安全生产作业。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd05.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应明确安全管理责任部门，配备安全管理人员，定期开展安全检查；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd05.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立安全管理制度和人员管理机制；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd05.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应构建体系化网络安全防护措施，强化主动防御与风险管控能力。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd05.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应设立独立的安全管理部门和技术团队，开展常态化安全检查；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd05.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立覆盖上岗、在岗、离岗的人员安全管理制度，构建全方位风险防控体系；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd05.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备抵御持久化、规模化网络攻击的能力，保障企业网络安全。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 6,
      "name": "组织管理体系",
      "domain": "system_assurance",
      "requirements": {
        "workshop": [
          {
            "id": "sd06.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应制定智能制造的发展规划，并建立相适应的企业组织架构。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd06.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应明确智能制造责任部门和各关键岗位的责任人，并明确各岗位的岗位职责。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd06.ff",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立高效的组织结构，基于信息系统推动各部门有效协同，具备较强的组织变革能力。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 7,
      "name": "厂房（园区）设施",
      "domain": "infrastructure",
      "requirements": {
        "workshop": [
          {
            "id": "sd07.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应依据生产纲领，通过产线与物流规划实现车间级别的工艺合理布局。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd07.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应依据生产纲领，通过整体规划实现厂房设计、工艺布局、水电气供应系统配套等的合理布局。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd07.ff",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应依据生产纲领，采用新一代信息技术进行整体规划，实现厂房设计、工艺布局、水电气供应系统配套等的合理布局，并通过对园区内人员、车辆、危险源、环境等重要元素的感知与监测，实现厂房（园区）的数智化运维管理。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 8,
      "name": "数字基础设施",
      "domain": "infrastructure",
      "requirements": {
        "workshop": [
          {
            "id": "sd08.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应面向车间各制造单元部署安全可信的生产工控网络，实现对生产的安全隔离，并具备多种通信方式。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd08.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立安全可控的基础通信网络，采用5G组网等技术，实现大带宽、低时延、安全可靠的数据传输，满足生产运行和管理过程中的通信要求。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd08.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立数据隔离、质量可靠的基础通信网络，实现大带宽、低时延、安全可靠的数据传输，满足在生产运行和管理过程中的通信要求；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd08.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应搭建工业互联网平台、数据中心等新型基础设施，满足生产管理需求；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd08.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立集成化数据存储设施，能够满足企业全流程全业务的数据存储需求。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 9,
      "name": "装备及设施",
      "domain": "infrastructure",
      "requirements": {
        "workshop": [
          {
            "id": "sd09.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应在关键工序应用自动化设备，并对设备进行数据采集与运行监控；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd09.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应根据相关标准和要求，建设健全空压机、冷却塔、污水处理、消防、排污处理、通风照明、电源备份等生产配套设施。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd09.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应引入柔性化产线、智能成套设备等，实现设备的的深度集成和互联互通；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd09.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过管理系统，对生产配套设施进行联网数据采集，实现日常维护管理。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd09.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应优先使用自主可控的数控机床、工业机器人、检验检测设备和网络设备等，统一通信协议，实现设备与设备、设备与系统之间的深度集成和互联互通；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd09.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立统一管理平台，对生产配套设施进行建模分析，提升运行效率。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 10,
      "name": "数据底座",
      "domain": "data_platform",
      "requirements": {
        "workshop": [
          {
            "id": "sd10.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立统一的数据格式，具备数据归集、存储能力；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备数据采集能力，实时采集生产设备的各项数据，集成核心系统数据；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.ws.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立企业数据管理系统，基于数据开展生产调度指挥、质量管控分析和设备运维。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd10.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立数据库，定义数据字典，统一数据格式；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备数据采集能力，实时采集生产设备的各项数据，集成企业各类信息系统；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备数据处理能力，实现数据清洗、转换、融合和实时处理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.sf.d",
            "label": "d",
            "obligation": "recommended",
            "industry": null,
            "text": "宜具备将采集到的数据汇聚到云端或边缘计算节点的能力，实现数据的统一管理和分发。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd10.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立数据中心，发布企业数据字典，对数据进行分析与应用；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备数据采集能力，实时采集生产设备的各项数据，集成企业各类信息系统，收集供应商信息、客户需求、市场动态、行业标准等外部数据；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备元数据和数据资产的管理能力，实现数据质量、标准、安全的治理和企业数据价值化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.ff.d",
            "label": "d",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备数据处理和存储能力，实现数据清洗、转换、融合和实时处理，按行业和工业数据分类要求构建企业数据集、行业数据集和工业数据语料库；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd10.ff.e",
            "label": "e",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备将采集到的数据汇聚到云端或边缘计算节点的能力，实现数据的统一管理和分发。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 11,
      "name": "企业大脑",
      "domain": "data_platform",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd11.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立数据管理和决策平台，具备生产调度指挥、质量管控分析、设备智能运维、数据分析决策和运营管理优化等核心功能；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd11.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备多维度的数据分析能力，可视化展示生产运营关键指标；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd11.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于数据分析与智能决策，打通企业内部业务流程，实现动态优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd11.sf.d",
            "label": "d",
            "obligation": "recommended",
            "industry": null,
            "text": "宜构建智能决策模型，根据业务变化和新数据反馈，持续优化决策模型。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd11.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立企业大脑，集成生产调度、质量管控、设备运维、供应链协同、数据分析及运营优化等模块，构建企业运营全流程数字化管理中枢；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd11.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具备智能的数据分析能力，精准预测设备故障、质量波动等风险，动态呈现生产运营关键指标；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd11.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于数据分析与智能决策，优化业务流程，实现企业内部和供应链上下游全业务深度协同；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd11.ff.d",
            "label": "d",
            "obligation": "mandatory",
            "industry": null,
            "text": "应构建智能决策模型，形成数据驱动的科学决策机制，为企业战略与运营提供精准支持；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd11.ff.e",
            "label": "e",
            "obligation": "recommended",
            "industry": null,
            "text": "宜将企业大脑在数据管理、智能决策、流程优化等领域积累的技术与经验，以SaaS、定制方案等形式输出，实现技术创新与商业价值双重赋能。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 12,
      "name": "工厂（车间、产线）规划设计",
      "domain": "digital_design",
      "requirements": {
        "workshop": [
          {
            "id": "sd12.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于制造设备和生产资源的数字化，进行车间的整体规划；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd12.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于工艺流程、设备能力、物流配送等进行车间布局和规划，通过数字化建模、仿真分析，满足车间生产过程数字化管理的需求。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd12.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于产品类型或构成、设备能力、仓储物流等多车间的协作关系，进行智能工厂的整体设计和规划；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd12.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于产品生产纲领、生产工艺、物流配送、车间布局、厂区建筑、公用设施等进行工厂的建模和仿真；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd12.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立工厂总体设计、工艺流程及布局的数字化模型，并进行模拟仿真，实现规划、生产、运营全流程数字化管理。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd12.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应定位于行业领先水平，基于模型化发展理念，满足柔性化、智能化、绿色化等要求，进行工厂的整体规划；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd12.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于企业战略规划，综合应用数智技术（如数字化建模、仿真分析、物联网、云计算、人工智能等）进行全流程设计、仿真和持续优化，建立数字孪生工厂。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 13,
      "name": "产品研发设计",
      "domain": "digital_design",
      "requirements": {
        "workshop": [
          {
            "id": "sd13.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用二维/三维CAD/CAE等设计工具进行产品设计，可实现不同专业或组件之间的并行设计，必要时进行仿真分析；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd13.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "使用产品数据管理系统实现产品设计数据或文档的结构化管理和共享，以及权限控制、电子审批等，实现产品设计流程的规范管理。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd13.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立产品设计标准库、组件库、知识库，应用三维CAD/CAE及MR等产品设计工具，满足产品三维设计的参数化、模块化要求；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd13.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于MBD模型、PLM系统，进行产品功能、造型、结构、工艺和试验设计，结合产品制造、使用、服务、维修、退役等各阶段的数据集成，满足产品全生命周期管理需求；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd13.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应使用新一代信息技术，通过CAX/PLM的系统集成，提升企业内外部网络化协同设计能力，满足跨部门、跨地域的网络化协同设计需求。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd13.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于研发管理体系（如产品标准化大纲、CMMI、IPD等）指导产品研发，集成应用CAX、PDM/PLM等研发设计工具，开展多角色、跨部门及产业链上下游的协同设计；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd13.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立集成产品结构设计、性能分析、设计过程管理、数据管理、数据库支持等功能的数字化平台，开展产品全生命周期的设计；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd13.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立完善的产品设计标准库、模型库和知识库等，集成应用新技术、新材料等开展产品的高效设计、个性化定制与仿真测试，并持续动态优化，满足设计、工艺、生产、物流、销售、服务等全生命周期管理需求。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 14,
      "name": "工艺研发设计",
      "domain": "digital_design",
      "requirements": {
        "workshop": [
          {
            "id": "sd14.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用二维/三维CAE/CAM/CAPP等工艺设计工具，建立工艺资源库和工艺模板库；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd14.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应进行工艺设计管理，生成工艺BOM数据，并通过系统将工艺文件下发到生产现场指导生产；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd14.ws.c",
            "label": "c",
            "obligation": "recommended",
            "industry": null,
            "text": "宜根据产品特征和制造要求，应用工艺建模和仿真分析工具辅助开展数字化工艺设计、分析验证和优化。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd14.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立工艺知识库，并与CAPP、PLM等系统集成，辅助工艺设计；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd14.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立工艺机理模型库（设备级、单元级、产线级）等，进行工艺建模、仿真分析和工艺验证；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd14.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应根据设计（含工艺、装备）、生产、检测、运维等产品全生命周期反馈的实时数据，开展产品及工艺仿真优化和再设计，持续优化产品、工艺和试验设计。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd14.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于精益制造体系，以市场、技术、资源为导向，开展引领行业的制造工艺设计创新；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd14.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立工艺研发组织和工艺创新体系，进行材料、装备、加工技术和方法等创新；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd14.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立工艺设计云平台，满足产业链跨区域、跨平台的协同工艺设计需求。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 15,
      "name": "计划调度",
      "domain": "intelligent_production",
      "requirements": {
        "workshop": [
          {
            "id": "sd15.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过ERP/MES/MOM等系统获取生产订单，根据工艺、设备和物料等要求形成生产计划和物料需求计划，并分解成详细排产计划和工序作业计划；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过系统将生产计划和作业计划分发到制造单元和执行单元，组织生产制造；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.ws.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过数据采集跟踪计划下发、执行和完成情况。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd15.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用智能算法或排产系统（如APS等），基于市场需求、工厂采购、安全库存、仓储配送、生产能力等约束条件进行计划编制和科学排产；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应跟踪生产、采购、仓储和配送等环节的计划执行情况，进行计划执行监控和进度分析；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立计划执行统计和分析模型，根据各级计划执行的实时情况，进行计划动态调整和优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.sf.d",
            "label": "d",
            "obligation": "mandatory",
            "industry": null,
            "text": "应集成企业各工厂（基地）的工艺、装备和产能等制造资源和数据，进行多工厂（基地）的协同计划编制和跟踪管理，提高企业资源利用效率。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd15.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于产供销协同平台，协同销售、生产、采购和物流等动态数据，滚动进行计划排程和计划优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立并优化计划排产模型和智能调度算法，通过计划模拟仿真、分析和优化，进行生产计划、车间排产和调度优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.ff.c1",
            "label": "c1",
            "obligation": "mandatory",
            "industry": "discrete",
            "text": "离散行业：应建立单元制造任务的动态调度模型，提高计划调度的自决策和自优化能力，实现制造任务的效益均衡和灵活高效；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.ff.c2",
            "label": "c2",
            "obligation": "mandatory",
            "industry": "process",
            "text": "流程行业：应建立生产管控一体化平台，智能感知物流、能源流和信息流数据，通过主动响应、自动决策等方式满足安全稳定生产、长周期满负荷运转、节能减排等生产调度目标；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd15.ff.d",
            "label": "d",
            "obligation": "mandatory",
            "industry": null,
            "text": "应集成共享产业链上下游的资源和数据，进行多工厂（基地）或供应链协同计划的滚动编制、计划仿真和优化，提高产业链的协同效率。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 16,
      "name": "生产执行",
      "domain": "intelligent_production",
      "requirements": {
        "workshop": [
          {
            "id": "sd16.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于自动化、数字化和智能化设备的应用，提升车间生产制造柔性化能力；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd16.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过工业网络或MES/MOM等系统将工艺技术文件、生产配方、运行参数或生产指令等下发到制造单元或设备，指导生产制造；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd16.ws.c",
            "label": "c",
            "obligation": "recommended",
            "industry": null,
            "text": "宜通过设备联网和数据采集，进行生产过程的跟踪、统计、分析和可视化管理，建成数字孪生车间。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd16.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于信息系统，协同调度物料、人员、设备、工具等各类生产资源，进行精益化、柔性化和协同生产；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd16.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于物联网、CPS和数字孪生技术，实时跟踪物料、人员、生产进度、质量和设备等生产执行情况，进行全工厂关键生产过程及状态的统计分析、动态监控和协同响应；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd16.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立从产品设计到工艺分配，从客户订单到生产工单，从生产排产到生产执行，从分析反馈到设计改进的闭环优化流程、数据集和分析模型。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd16.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于数智技术（如大数据、仿真分析、数字孪生等），建立数字孪生工厂，进行生产动态监控、绩效指标分析和资源动态调度；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd16.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过人工智能等技术，对制造过程关键因素实现动态监控与仿真模拟，持续进行生产工艺优化、设备参数调优和过程动态控制；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd16.ff.c1",
            "label": "c1",
            "obligation": "mandatory",
            "industry": "discrete",
            "text": "离散行业：应搭建工厂数据模型，对工艺路线、生产设备、物流装备、物料配送等进行动态分析、智能调度和协同生产；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd16.ff.c2",
            "label": "c2",
            "obligation": "mandatory",
            "industry": "process",
            "text": "流程行业：应基于先进过程控制、工艺机理模型和工艺知识库等，进行动态数据感知、分析预测和参数自调优，持续优化生产过程；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd16.ff.d",
            "label": "d",
            "obligation": "recommended",
            "industry": null,
            "text": "宜基于生产管理需要，应用先进技术与装备（如VR/AR/MR、协作机器人、智能穿戴设备等），开展人机协同作业。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 17,
      "name": "质量管控",
      "domain": "intelligent_production",
      "requirements": {
        "workshop": [
          {
            "id": "sd17.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用先进技术与装备（如视觉检测、AI算法、测量感应、AR/VR等），对产品进行在线检测（如结构、尺寸、外观、性能等）；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd17.ws.b",
            "label": "b",
            "obligation": "recommended",
            "industry": null,
            "text": "宜对产品生产过程中的关键质量特性实施自动采集、存储、监控和预警；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd17.ws.c",
            "label": "c",
            "obligation": "recommended",
            "industry": null,
            "text": "宜采用SPC等质量分析方法，进行自动在线预防式质量分析，推动质量持续改进；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd17.ws.d",
            "label": "d",
            "obligation": "recommended",
            "industry": null,
            "text": "宜对关键质量特性的检测装备实施联网管理，自动监控其使用状态、维护状态，自动预警。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd17.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用QMS等软件系统进行质量策划、实时监控和预警，且与其他系统集成实现质量管理与优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd17.sf.b",
            "label": "b",
            "obligation": "recommended",
            "industry": null,
            "text": "宜采用LIMS对实验室实施管理，对产品采样、送样、检测、分析、评定等环节进行线上管理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd17.sf.c",
            "label": "c",
            "obligation": "recommended",
            "industry": null,
            "text": "宜建立产品批次或序列质量数据库，实现产品全生命周期的质量追溯。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd17.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建设质量大数据与算法模型，基于信息系统实现产品质量分析与预测、辅助产品与工艺参数优化决策、在线自动闭环控制；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd17.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立预防式的质量管理模型，赋能质量策划与实施、监测与分析、偏差跟踪与风险防范、预测与提升优化等环节；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd17.ff.c",
            "label": "c",
            "obligation": "recommended",
            "industry": null,
            "text": "宜建立质量管理协同平台，支撑企业实现跨工厂（基地）协同、全流程管控、供应链上下游全链条的高质量发展。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 18,
      "name": "仓储物流",
      "domain": "intelligent_production",
      "requirements": {
        "workshop": [
          {
            "id": "sd18.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应实现物料和仓储的数字化管理，通过条码、二维码、RFID等技术，进行物料、物流容器的识别、出入库和跟踪管理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd18.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应根据系统（如MES、WMS等）指令进行物料领用、配送和产成品运输等，对仓储和物流配送等信息进行共享、跟踪和管理。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd18.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应集成数字化仓储（罐区）设备、智能物流设备、仓储管理系统与调度系统，对物料出入库、库存调拨和生产配送等进行统一调度、动态监控和跟踪管理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd18.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于系统集成，建立仓储和配送管控模型，动态响应生产计划或车间调度指令，实现物料准时、齐套和高效配送，并进行跟踪、预警和预测。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd18.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立仓储和配送绩效指标、物流路径优化、物流设备集控和动态调度等模型和算法，优化提升企业仓储物流管控能力；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd18.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过与供应链上下游的信息共享，建立仓储、运输、配送和集成管控等算法模型，动态优化仓储物流能力，降低供应链仓储物流成本。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 19,
      "name": "设备运维",
      "domain": "intelligent_production",
      "requirements": {
        "workshop": [
          {
            "id": "sd19.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立设备信息管理系统，对设备的保养、维修、备品备件等进行数字化管理，支撑设备全寿命周期的低成本、高可靠运行；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd19.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于设备制造、运行和检/维修数据，建立设备信息数据库，对设备管理数据进行统计分析，按计划对设备进行维护和监测预警，开展设备全生命周期管理。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd19.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应实现设备联网，利用智能终端开展点巡检、维修维护、保养等管理，对设备状态和关键数据进行在线采集和状态监控，实现设备故障的闭环管理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd19.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于设备运行数据构建故障知识库，应用新一代信息技术，开展设备运行优化分析、状态异常报警。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd19.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应构建生产设备故障诊断、按需保养、预测性维护等模型，开展设备运行优化分析、状态异常预警与预测性维护；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd19.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于设备运维平台，实现基于关键工序设备、单元、产线等的数据分析与数据互联，协同开展设备远程诊断和故障预警；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd19.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用振动分析、声学分析、特征工程、迁移学习等技术,构建设备运维数据集，形成可向行业输出的设备运维专属模型。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 20,
      "name": "安全管控",
      "domain": "intelligent_production",
      "requirements": {
        "workshop": [
          {
            "id": "sd20.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应遵循国家及行业生产安全标准体系，进行设备、设施、物料、生产和环境等的安全管控，实现数字化管理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd20.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应部署安全设施、设备或装置，开展安全培训，提高作业安全管理能力，避免因人为失误造成隐患或威胁，保证人身安全、生产安全和环境安全；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd20.ws.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应部署软硬件、网络和数据安全措施、设备和系统，确保车间系统连续可靠地运行。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd20.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过智能装备（产线）、机器人、安全联动等装置和远程监控、智能感知等技术，实现危险作业环节的少人化，提高生产作业安全水平；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd20.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立安全管控平台，集成作业安全、生产安全、消防安全等各类应用系统，通过风险识别、风险防范和应急管理，实现企业安全综合管控；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd20.sf.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立信息安全管理体系，建立多层级的工业互联网安全防护体系，进行安全风险评估和演练，提高网络、信息和数据的安全防护能力。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd20.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应持续推进危险作业自动化，应用新一代信息技术，建立安全风险识别、风险防范和预测等模型，提升安全管理的响应速度与智能管控水平；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd20.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应优化完善安全防护的软硬件、安全策略与模型，提升综合安全管控、安全态势感知、生产运行风险分析、预警预测和优化改进能力；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd20.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应统筹企业内外部安全相关数据，对外部环境变化、自然灾害等带来的安全影响进行分析、预测和应急处置。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 21,
      "name": "能源监测与综合利用",
      "domain": "green_manufacturing",
      "requirements": {
        "workshop": [
          {
            "id": "sd21.ws.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过信息技术手段，开展车间、重点产线（装置）能耗的监控和计量；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd21.ws.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应实现高能耗设备（装置）的能耗监控、能效分析和优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd21.ws.c",
            "label": "c",
            "obligation": "recommended",
            "industry": null,
            "text": "宜构建能耗监控系统，进行能耗数据分析，开展制造全过程节能技术改造。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd21.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立综合能源管控平台，全面监控能源生产、存储、转化、使用等环节，开展能源调度与优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd21.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应开展绿色能源应用，持续提高绿色能源的利用占比。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd21.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应全面开展能源绿色化和余热、余压等循环再利用，以及建筑与照明等综合节能，建立相应的数字化模型与管控机制，实现能源综合利用精细化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd21.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于制造全过程的能源精细化管理，建立产线（装置）能耗模型，实现能效分析优化和能源平衡调度。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 22,
      "name": "环境排放监测",
      "domain": "green_manufacturing",
      "requirements": {
        "workshop": [
          {
            "id": "sd22.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立三废、噪声、温室气体等环境排放的数据采集监控系统,开展水、气等污染物排放采集与监控。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd22.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立污染源在线监测系统，应用机器视觉、智能传感和大数据等技术，开展排放实时监测和污染源管理，实现监控报警和改进优化。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd22.ff.a",
            "label": "a",
            "obligation": "recommended",
            "industry": null,
            "text": "宜建立污染源排放数据模型，实现动态预警、精细管控，降低污染物排放，消除环境污染风险；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd22.ff.b",
            "label": "b",
            "obligation": "recommended",
            "industry": null,
            "text": "宜建设或连接碳资产管理平台，集成智能传感、物联网、区块链等技术，实现全流程碳排放追踪、分析、核算和交易等数字化管理。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 23,
      "name": "资源循环利用",
      "domain": "green_manufacturing",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd23.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立制造全过程主材、包材、辅材以及废品、废料等资源循环利用体系及数字化管理系统。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd23.ff",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立面向资源循环利用的数字化模型，对资源循环利用进行优化管控。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 24,
      "name": "精益化组织",
      "domain": "lean_management",
      "requirements": {
        "workshop": [
          {
            "id": "sd24.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于精益理念，建立精益化改进组织，应用精益工具和集成优化工具，推动持续改善。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd24.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应组建精益化运营组织，开展系统化精益活动；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd24.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应持续开展精益人才培育，持续提升组织效能。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd24.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过信息化手段驱动精益化活动、沉淀精益方法、形成精益知识库；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd24.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立学习型组织，打造可持续发展的精益化组织与文化。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 25,
      "name": "精益化制造",
      "domain": "lean_management",
      "requirements": {
        "workshop": [
          {
            "id": "sd25.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应动态采集计划调度、生产执行、仓储物流、质量管控、设备运维、环境健康与安全、能耗等数据，实现关联性分析与可视化。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd25.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应集成研发、采购、生产、物流、仓储、销售与服务等业务管理系统，实现数据互联互通和全过程一体化闭环管控。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd25.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于数据与管理模型，开展工厂全过程精细化管控与持续动态优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd25.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应开展全要素、全过程、全价值链等动态优化。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 26,
      "name": "精益化运营",
      "domain": "lean_management",
      "requirements": {
        "workshop": [
          {
            "id": "sd26.ws",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立车间精益化运营指标，并对指标进行闭环管理。",
            "hasRecommendedPart": false
          }
        ],
        "smart_factory": [
          {
            "id": "sd26.sf.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立精益化运营指标和全流程闭环管理机制，持续提升运营管理水平；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd26.sf.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应围绕人、财、物、产、供、销等环节建立精益管理数字化模型。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd26.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于新一代信息技术，构建精益化经营决策系统，实现企业经营指标的分析、优化和基于经营指标的智能决策；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd26.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应融合新一代信息技术与运营战略管理，建设适合自身发展的方法论与模型体系，持续提升企业主要相关方的满意度，实现社会资源利用效率与经济效益的最大化。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 27,
      "name": "供应链体系",
      "domain": "smart_supply_chain",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd27.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立供应链管理平台，与上下游企业相关系统实现互联互通，共享交期、库存、质量、制造进度、材料溯源等信息。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd27.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过供应链管理平台，实现客户需求、生产计划、产品设计和工艺文件等信息在企业间的同步更新、敏捷响应、闭环管理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd27.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于供应链管理平台，实现上下游研发、设计、生产、物流、采购、售后等业务协同。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 28,
      "name": "供应链管理",
      "domain": "smart_supply_chain",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd28.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应实现供应商管理，基于质量、准时性、价格、付款方式和服务等数据模型，开展供应商分级评价、分析和预警。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd28.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应集成制造商、供应商、分销商以及仓库、配送、渠道商之间的全域数据，建立订单配额、差异化采购等模型，提升资源优化配置与调度能力；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd28.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于供应链风险评估体系建立评估模型，开展常态化风险识别、评估与预警，形成处置预案，化解供应链风险。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 29,
      "name": "供应链物流",
      "domain": "smart_supply_chain",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd29.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应根据产品特点、运输计划与要求等信息，建立装载方案、物流路线等数据模型，开展运输过程的数字化管控与优化调度，提高物流全周期管理效率。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd29.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立厂外物流运输管理系统，或集成第三方物流公司管理系统，开展物流过程跟踪、智能调度、异常预警等全过程数字化管理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd29.ff.b",
            "label": "b",
            "obligation": "recommended",
            "industry": null,
            "text": "宜联合上下游企业共享仓储、物流配送等资源和需求信息，开展仓储资源、物流运力等交易共享和业务协同，实现一体化仓储与物流配送，提高仓储物流资源利用效率。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 30,
      "name": "定制化服务",
      "domain": "personalized_customization",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd30.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立个性化定制线上系统，能快速、准确地获取客户个性化需求，并实现对产品服务过程的追踪和反馈。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd30.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应构建定制服务平台，建立客户需求信息模型、产品模块与部件库、产品配置知识库与配置系统等，满足客户产品模块化或个性化定制需求；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd30.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应能快速、准确地获取客户个性化需求，通过推荐和诊断推理等技术与系统，向客户推荐个性化产品，确定交货日期、产品类型和材料类型等，并提供产品预期效果展示和交付流程的实时交互、跟踪与展示。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 31,
      "name": "模块化设计",
      "domain": "personalized_customization",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd31.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于产品整体规划和设计标准库，开展产品平台化、系列化设计。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd31.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于客户需求和产品标准化大纲，开展模块化设计，满足模块或部件的标准化，以及可重用性、可维护性、可互换性要求；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd31.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于模块化生产的需求，通过对产品模块的分析、分类与持续优化，促进产品组成／产品结构、装配工艺、模块接口的标准化，支持产品快速设计、验证和投产。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 32,
      "name": "柔性化制造",
      "domain": "personalized_customization",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd32.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过生产、物料自动输送等装备和系统的集成，实现关键生产过程精准控制、生产管理过程集成管控、生产经营数据互通共享，保证生产管理满足客户个性化定制需求。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd32.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于工厂的整体规划，通过信息系统与装备的持续集成优化，实现工厂运营全流程的客户个性化定制生产；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd32.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于模块化设计和生产线产能平衡，持续优化模型与算法，通过智能排产，实现生产订单与装备或工艺流程的智能匹配，支持产品的混线生产。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 33,
      "name": "研发设计协同",
      "domain": "networked_collaboration",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd33.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立协同设计平台，集成设计工具、设计标准等工具和资源数据，实现工具、知识的共享，开展产品、工艺、设备、工装模具等多业务并行设计。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd33.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于协同设计平台，进行标准、模型、工具、算力等计算资源、软件资源和数据资源的共享，开展协同设计、交叉验证和协同管理；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd33.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应定期开展协同设计能力和成效分析，优化设计工具、标准和知识库等资源，提升协同研发设计能力。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 34,
      "name": "生产制造协同",
      "domain": "networked_collaboration",
      "requirements": {
        "workshop": null,
        "smart_factory": [
          {
            "id": "sd34.sf",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过协同平台，深度集成生产计划、执行作业、物料供给、产线（设备）状态、人力配置、工艺技术等制造资源，实现生产协同。",
            "hasRecommendedPart": false
          }
        ],
        "future_factory": [
          {
            "id": "sd34.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过协同平台，快速响应客户需求、产品工艺和生产计划变更，实现多工厂（基地）、跨企业生产协同和资源动态优化配置；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd34.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应定期开展协同制造效率效益分析，优化资源的协同机制和调度模型，提升工厂、企业和生态的协同制造能力。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 35,
      "name": "运维服务协同",
      "domain": "networked_collaboration",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd35.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立服务协同平台，协同制定服务计划，响应产品服务需求，调度分配服务资源，协同开展服务；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd35.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于服务协同平台，通过供应、金融等资源跨地域配置优化，实现协同供应、集采集销等业务高效协同，形成多方共赢的产业生态，加速产业组织形态变革；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd35.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应定期分析服务的协同效率效益，优化协同机制和能力资源调度模型，提升服务的协同能力。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 36,
      "name": "业务流程模型化",
      "domain": "model_driven_development",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd36.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应梳理分析研发、设计、生产、采购、销售、管理、服务等核心业务流程，开展模块定义、优化组合和流程重塑，建立业务流程模型；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd36.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应将业务流程模型转变为工业软件或APP，通过实时数据集成，实现数据驱动的业务流程迭代优化；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd36.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应深度集成人工智能、大数据等技术应用，实现对业务流程的自学习和自适应管理，建立完善企业辅助决策模型。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 37,
      "name": "制造过程模型化",
      "domain": "model_driven_development",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd37.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应采用建模仿真、数字孪生、多模型融合等技术，围绕核心工艺、装备、产线、车间/工厂等不同层级的制造单元与系统，构建相应的模型；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd37.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应将制造过程中的工艺、装备、产线车间/工厂等模型转变为工业软件或APP；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd37.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应借助自主构建的制造过程模型开展制造单元与系统的协同设计、制造、管理与服务。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 38,
      "name": "模型能力市场化",
      "domain": "model_driven_development",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd38.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于业务流程与制造过程模型化的工业软件或APP，对外提供解决方案、能力组件等产品服务；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd38.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于制造过程模型化形成的新技术、新装备等，赋能其他企业转型升级。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 39,
      "name": "产品数智化",
      "domain": "high_end_products",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd39.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过产品标识技术，实现产品全生命周期可识别可追溯，实现客户参与的产品迭代和服务优化，提高客户粘性和满意度；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd39.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应通过数智技术，提供产品在线维护升级、产品操作优化、性能检测评测、故障维修指导、备件订购、产品软件订阅、产品数据检索、产品租赁服务等数据驱动的价值提升服务；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd39.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应融合应用数智技术，培育工业级智能硬件、智能机器人、智能终端等智能化产品。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 40,
      "name": "产品绿色化",
      "domain": "high_end_products",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd40.ff",
            "label": "",
            "obligation": "mandatory",
            "industry": null,
            "text": "应充分考虑产品全生命周期内的环境表现、资源利用效率。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 41,
      "name": "产品价值化",
      "domain": "high_end_products",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd41.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "产品技术性能指标等应达到行业领先，获得授权发明专利、科技进步奖等相关荣誉资质；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd41.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应具有自主品牌，品牌知名度高。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 42,
      "name": "产品品质化",
      "domain": "high_end_products",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd42.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "产品应具备高品质制造与高品质服务特点；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd42.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应制定主导产品的企业标准/团体标准/行业标准/国家标准/国际标准；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd42.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "产品应在细分领域细分市场占有率高（国家前五、省内前三），处于产业链的主导（或不可替代）地位。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 43,
      "name": "产品延伸服务",
      "domain": "service_extension",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd43.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立数字化服务平台，集成设计、工艺、工况等数据与诊断/预测预警等模型，提供产品健康管理、融资租赁、优化升级等服务；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd43.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于设计、运行、环境等数据，应用人工智能、工业元宇宙等技术，开展产品远程运维、运行优化等增值业务；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd43.ff.c",
            "label": "c",
            "obligation": "mandatory",
            "industry": null,
            "text": "应定期分析增值业务的经营数据，优化完善诊断、预警、预测等工具模型，提高服务水平，提升客户体验。",
            "hasRecommendedPart": false
          }
        ]
      }
    },
    {
      "no": 44,
      "name": "产业链延伸服务",
      "domain": "service_extension",
      "requirements": {
        "workshop": null,
        "smart_factory": null,
        "future_factory": [
          {
            "id": "sd44.ff.a",
            "label": "a",
            "obligation": "mandatory",
            "industry": null,
            "text": "应建立数字化服务平台，开展现代供应链管理、共享制造等服务，实现供应链/产业链资源的共享、透明，持续提升效率；",
            "hasRecommendedPart": false
          },
          {
            "id": "sd44.ff.b",
            "label": "b",
            "obligation": "mandatory",
            "industry": null,
            "text": "应基于数字化服务平台，提供设计、共享制造、检验检测、互联网金融等服务，赋能行业企业融通发展。",
            "hasRecommendedPart": false
          }
        ]
      }
    }
  ],
  "constructionTypes": [
    {
      "code": "innovation_pioneer",
      "name": "创新突破领航型",
      "basicRequirement": "行业龙头企业",
      "coreCapability": "具有创新突破的能力特征，建有重大创新载体，并通过原始创新达到行业领先，或开展核心技术攻关填补国内空白等。",
      "newTechModel": "利用新技术打造自主可控核心场景。"
    },
    {
      "code": "cluster_flagship",
      "name": "集群示范头雁型",
      "basicRequirement": "产业集群重点企业",
      "coreCapability": "具有示范引领的能力特征，通过对外输出技术、装备、工业软件、管理模式等，赋能行业企业综合能力提升。",
      "newTechModel": "打造行业垂直大模型或智能体，带动集群竞争力整体提升。"
    },
    {
      "code": "chain_leader",
      "name": "协同共生链主型",
      "basicRequirement": "链主型企业",
      "coreCapability": "具有协同带动的能力特征，建设产业大脑、供应链平台等载体，整合上下游优质资源，通过标准化能力输出和供应链协同服务，增加供应链弹性与韧性。",
      "newTechModel": "利用人工智能、区块链等新技术，持续推动产业链强链、补链、固链。"
    },
    {
      "code": "platform_transformer",
      "name": "业态变革平台型",
      "basicRequirement": "服务型制造企业、平台型制造企业或总部经济型企业",
      "coreCapability": "具有业务协同与变革的能力特征，建设产业互联网平台、专业化服务平台等协同载体，汇聚生态服务资源，具备资源动态调度能力，可为生态用户提供共享制造、解决方案、金融、管理咨询等增值服务。",
      "newTechModel": "应用新技术，构建工贸一体化模式，打造两化融合、两业融合的典型场景。"
    }
  ]
};
