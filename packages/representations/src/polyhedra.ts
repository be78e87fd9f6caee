/**
 * The permutation representations of the octahedral and icosahedral groups on the vertices, edges and faces of
 * their solids (escnn's `cube_vertices_representation`, …, `ico_edges_representation`): quotient representations
 * by the stabilizer of one vertex, edge or face.
 */
import { type Group, InvalidArgumentError } from '@steerable/group-theory';
import { quotientRepresentation } from './induced.js';
import { spatialFamily } from './internal/family.js';
import type { Representation } from './representation.js';

/** The quotient representation of the solid's symmetry group `G` by the stabilizer `subgroupId`, named `name`. */
function solidRepresentation(
  fn: string,
  G: Group,
  family: 'octa' | 'ico',
  subgroupId: unknown,
  name: string,
): Representation {
  if (G === null || typeof G !== 'object' || !('subgroup' in G) || spatialFamily(G) !== family) {
    throw new InvalidArgumentError(
      fn,
      'G',
      G,
      family === 'octa' ? 'must be the octahedral group' : 'must be the icosahedral group',
    );
  }
  return quotientRepresentation(G, subgroupId, { name });
}

/**
 * The octahedral group acting on the 8 vertices of the cube (the faces of the octahedron) by permutations: the
 * quotient by the stabilizer C3 of a vertex (escnn's id `[false, 3]`), named `cube_vertices`.
 *
 * @throws InvalidArgumentError if `G` is not the octahedral group.
 * @see escnn's `Octahedral.cube_vertices_representation`
 */
export function cubeVerticesRepresentation(G: Group): Representation {
  return solidRepresentation('cubeVerticesRepresentation', G, 'octa', [false, 3], 'cube_vertices');
}

/**
 * The octahedral group acting on the 6 faces of the cube (the vertices of the octahedron) by permutations: the
 * quotient by the stabilizer C4 of a face (escnn's id `[false, 4]`), named `cube_faces`.
 *
 * @throws InvalidArgumentError if `G` is not the octahedral group.
 * @see escnn's `Octahedral.cube_faces_representation`
 */
export function cubeFacesRepresentation(G: Group): Representation {
  return solidRepresentation('cubeFacesRepresentation', G, 'octa', [false, 4], 'cube_faces');
}

/**
 * The octahedral group acting on the 12 edges of the cube (or of the octahedron) by permutations: the quotient by
 * the stabilizer C2 of an edge (escnn's id `[true, 1]`, the half-turn about an edge midpoint), named `cube_edges`.
 *
 * @throws InvalidArgumentError if `G` is not the octahedral group.
 * @see escnn's `Octahedral.cube_edges_representation`
 */
export function cubeEdgesRepresentation(G: Group): Representation {
  return solidRepresentation('cubeEdgesRepresentation', G, 'octa', [true, 1], 'cube_edges');
}

/**
 * The icosahedral group acting on the 12 vertices of the icosahedron (the faces of the dodecahedron) by
 * permutations: the quotient by the stabilizer C5 of a vertex (escnn's id `[false, 5]`), named `ico_vertices`.
 *
 * @throws InvalidArgumentError if `G` is not the icosahedral group.
 * @see escnn's `Icosahedral.ico_vertices_representation`
 */
export function icoVerticesRepresentation(G: Group): Representation {
  return solidRepresentation('icoVerticesRepresentation', G, 'ico', [false, 5], 'ico_vertices');
}

/**
 * The icosahedral group acting on the 20 faces of the icosahedron (the vertices of the dodecahedron) by
 * permutations: the quotient by the stabilizer C3 of a face (escnn's id `[false, 3]`), named `ico_faces`.
 *
 * @throws InvalidArgumentError if `G` is not the icosahedral group.
 * @see escnn's `Icosahedral.ico_faces_representation`
 */
export function icoFacesRepresentation(G: Group): Representation {
  return solidRepresentation('icoFacesRepresentation', G, 'ico', [false, 3], 'ico_faces');
}

/**
 * The icosahedral group acting on the 30 edges of the icosahedron (or of the dodecahedron) by permutations: the
 * quotient by the stabilizer C2 of an edge (escnn's id `[false, 2]`), named `ico_edges`.
 *
 * @throws InvalidArgumentError if `G` is not the icosahedral group.
 * @see escnn's `Icosahedral.ico_edges_representation`
 */
export function icoEdgesRepresentation(G: Group): Representation {
  return solidRepresentation('icoEdgesRepresentation', G, 'ico', [false, 2], 'ico_edges');
}
