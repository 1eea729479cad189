import json,sys,collections
p=json.load(open(sys.argv[1]))
nodes={n['id']:n for n in p['nodes']}
dt=collections.Counter()
for s,d in zip(p['samples'],p['timeDeltas']): dt[s]+=d
self_t=collections.Counter(); 
parent={}
for n in p['nodes']:
  for c in n.get('children',[]): parent[c]=n['id']
tot=collections.Counter()
for nid,t in dt.items():
  n=nodes[nid]; cf=n['callFrame']
  self_t[(cf['functionName'],cf['url'].split('/')[-1],cf['lineNumber'])]+=t
  seen=set(); x=nid
  while x is not None:
    cf=nodes[x]['callFrame']; k=(cf['functionName'],cf['url'].split('/')[-1],cf['lineNumber'])
    if k not in seen: tot[k]+=t; seen.add(k)
    x=parent.get(x)
print('SELF'); [print(f'{t/1000:8.0f} ms',k) for k,t in self_t.most_common(25)]
print('TOTAL'); [print(f'{t/1000:8.0f} ms',k) for k,t in tot.most_common(45)]
