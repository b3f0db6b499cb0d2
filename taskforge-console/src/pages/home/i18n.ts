export default {
  en: {
    home: {
      title: 'Dashboard',
      byStatus: 'Tasks by status',
      today: 'Finished today',
      succeededToday: 'succeeded',
      failedToday: 'failed',
      recent: 'Recent tasks',
      columns: { title: 'Task', type: 'Type', queue: 'Queue', status: 'Status', created: 'Created' },
      untitled: '(untitled)',
    },
  },
  'zh-CN': {
    home: {
      title: '仪表盘',
      byStatus: '各状态任务数',
      today: '今日完成',
      succeededToday: '成功',
      failedToday: '失败',
      recent: '最近的任务',
      columns: { title: '任务', type: '类型', queue: '队列', status: '状态', created: '创建时间' },
      untitled: '（无标题）',
    },
  },
}
